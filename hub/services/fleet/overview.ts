/** The admin's picture of the fleet, the alerts to deal with, and the audit log. */
import { ErrorCode } from '../../../shared/errors.ts';
import { kioskWarnings } from '../../../shared/domain/fleet.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Repos } from '../../store/store.ts';
import { requireRole } from '../staff/roles.ts';
import { adminChange, type FleetDeps } from './deps.ts';
import { effectiveSettings } from './settings.ts';

/**
 * Everything the admin pages show, read in one transaction: sites, kiosks with who is online and
 * their warnings (after the hub's in-memory reports are written), open alerts, posts, members
 * (no PIN hashes), categories and settings.
 */
export async function overview(d: FleetDeps, by: StaffPrincipal) {
	const refused = requireRole(by, 'admin');
	if (refused) return refused;
	const online = (await d.sockets()?.onlineKioskIds()) ?? new Map<number, number>();
	await d.flushReports?.();
	const at = d.now();
	return d.store.transaction(async (tx) => ({
		ok: true as const,
		value: {
			sites: await tx.sites.listSites(),
			kiosks: (await tx.enrolments.fleetKiosks(at)).map((k) => {
				const live = { ...k, online: online.get(k.id) ?? 0 };
				return { ...live, warnings: kioskWarnings(live, at) };
			}),
			alerts: await tx.alerts.openAlerts(),
			posts: (await tx.posts.listPosts()).map(({ id, name, site_slug, active }) => ({
				id,
				name,
				site_slug,
				active
			})),
			members: await membersWithPosts(tx),
			categories: await tx.settings.categorySettings(),
			settings: await effectiveSettings(d, tx)
		}
	}));
}

/** Phone accounts with their roles: party member, field worker of which posts. */
async function membersWithPosts(tx: Repos) {
	const posts = await tx.members.workerPosts();
	return (await tx.members.listMembers()).map((m) => ({
		id: m.id,
		member_no: m.member_no,
		display_name: m.display_name,
		phone: m.phone,
		site_slug: m.site_slug,
		skills: m.skills,
		active: m.active,
		locked_until: m.locked_until,
		party: m.party,
		posts: posts.filter((p) => p.member_id === m.id).map((p) => p.post_name)
	}));
}

/** Someone dealt with an alert (e.g. re-entered a refused wish by hand): off the list. */
export function resolveAlert(d: FleetDeps, by: StaffPrincipal, alertId: number) {
	return adminChange(d, by, async (tx, at) => {
		if (!(await tx.alerts.resolveAlert(alertId, at)))
			return { ok: false, error: ErrorCode.notFound, message: 'no such open alert' };
		return {
			ok: true,
			value: null,
			audit: {
				action: 'alert.resolve',
				targetType: 'alert',
				targetId: alertId,
				before: { resolvedAt: null },
				after: { resolvedAt: at }
			}
		};
	});
}

/** The audit log, newest first: `limit` rows (200 unless given) before `beforeId` if given. */
export async function audit(
	d: FleetDeps,
	by: StaffPrincipal,
	opts: { beforeId?: number; limit?: number } = {}
) {
	const refused = requireRole(by, 'admin');
	if (refused) return refused;
	const rows = await d.store.audit.recentAudit({
		limit: opts.limit ?? 200,
		beforeId: opts.beforeId
	});
	return { ok: true as const, value: rows };
}
