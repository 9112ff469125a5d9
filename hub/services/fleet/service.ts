/**
 * Administration (admin role), bound to what it shares (deps.ts): sites and posts (places.ts),
 * kiosks and enrolment (kiosks.ts), members (members.ts), categories and desk-wide settings
 * (settings.ts), the fleet overview, alerts and the audit log (overview.ts). Every change writes
 * an audit row in its own transaction.
 */
import { bindFirst } from '../../infra/bind.ts';
import { fleetDeps, type FleetOptions } from './deps.ts';
import { createKiosk, newEnrolment, publicUrl, redeem, revokeKiosk } from './kiosks.ts';
import {
	createMember,
	importMembers,
	resetMemberPin,
	setMemberActive,
	setMemberRoles
} from './members.ts';
import { audit, overview, resolveAlert } from './overview.ts';
import { createPost, createSite, setPostActive, updateSite } from './places.ts';
import {
	applyStoredSettings,
	categories,
	saveCategory,
	saveSettings,
	settings
} from './settings.ts';

export function createFleetService(opts: FleetOptions) {
	return bindFirst(fleetDeps(opts), {
		overview,
		createSite,
		updateSite,
		createKiosk,
		newEnrolment,
		redeem,
		revokeKiosk,
		resolveAlert,
		createPost,
		setPostActive,
		createMember,
		importMembers,
		setMemberActive,
		setMemberRoles,
		resetMemberPin,
		saveCategory,
		saveSettings,
		applyStoredSettings,
		audit,
		publicUrl,
		categories,
		settings
	});
}

export type FleetService = ReturnType<typeof createFleetService>;
export type { FleetOptions, FleetSockets } from './deps.ts';
export type { MemberInput } from './members.ts';
