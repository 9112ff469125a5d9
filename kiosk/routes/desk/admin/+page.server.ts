/**
 * Administration: one page, tabs by ?tab=, one form action per change. The gate in hooks already
 * refused non-admins; every action checks again, and the hub's fleet/staff services check a third
 * time inside the transaction that writes the audit row.
 */
import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import {
	CategorySettingsSchema,
	DeskSettingsSchema,
	KioskCreateSchema,
	PostInputSchema,
	RowIdSchema,
	SiteInputSchema,
	StaffCreateSchema
} from '$shared/schemas/desk.ts';
import { PinSchema } from '$shared/schemas/members.ts';
import { ErrorCode } from '$shared/errors.ts';
import { isAdminTab, type AdminTab } from '$lib/desk-admin.ts';
import {
	formAction,
	num,
	text,
	type FormActionSpec,
	type RefusalView
} from '$lib/server/form-action.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';
import {
	importMembers,
	memberInput,
	MemberFileSchema,
	MemberRolesSchema,
	MemberSchema,
	rolesInput
} from './members.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requireStaff(locals, 'admin');
	const asked = url.searchParams.get('tab');
	const tab: AdminTab = isAdminTab(asked) ? asked : 'kiosks';
	const overview = await locals.hub.fleet.overview(admin);
	if (!overview.ok) error(403, overview.message);
	const staff = await locals.hub.staff.list(admin);
	const beforeId = Number(url.searchParams.get('before')) || undefined;
	const audit = tab === 'audit' ? await locals.hub.fleet.audit(admin, { beforeId }) : null;
	return {
		tab,
		me: admin.id,
		...overview.value,
		staff: staff.ok ? staff.value : [],
		audit: audit?.ok ? audit.value : []
	};
};

/** The fleet and staff services name most refusals in their message (slug_taken, …). */
const refusedByMessage: RefusalView = (r) => ({
	status: r.error === ErrorCode.forbidden ? 403 : 400,
	problem: r.message || r.error
});

/** An admin action answering under its tab; the page gets the service's value back too. */
function adminAction<S extends v.GenericSchema, T>(
	tab: AdminTab,
	spec: Omit<FormActionSpec<S, T, { tab: AdminTab }>, 'role' | 'where' | 'refused'>
) {
	return formAction({
		refused: refusedByMessage,
		...spec,
		role: 'admin',
		where: () => ({ tab }),
		saved: (value: T) => ({ value, ...spec.saved?.(value) })
	});
}

const rowId = (name: string) => (f: FormData) => Number(text(f, name));
const hoursOf = (s: string) => (s.trim() === '' ? NaN : Number(s));
const isOn = (f: FormData) => text(f, 'active') === '1';

const siteInput = (f: FormData) => ({
	slug: text(f, 'slug'),
	name: text(f, 'name'),
	kind: text(f, 'kind'),
	village: text(f, 'village'),
	address: text(f, 'address')
});

export const actions: Actions = {
	createSite: adminAction('sites', {
		schema: SiteInputSchema,
		input: siteInput,
		call: (hub, admin, site) => hub.fleet.createSite(admin, site)
	}),

	updateSite: adminAction('sites', {
		schema: SiteInputSchema,
		input: siteInput,
		call: (hub, admin, site) => hub.fleet.updateSite(admin, site)
	}),

	createKiosk: adminAction('kiosks', {
		schema: KioskCreateSchema,
		input: (f) => ({
			siteSlug: text(f, 'siteSlug'),
			name: text(f, 'name'),
			ticketPrefix: text(f, 'ticketPrefix').trim().toUpperCase(),
			paperMm: Number(text(f, 'paperMm'))
		}),
		call: (hub, admin, kiosk) => hub.fleet.createKiosk(admin, kiosk),
		saved: (enrolment) => ({ enrolment })
	}),

	newCode: adminAction('kiosks', {
		schema: RowIdSchema,
		input: rowId('kioskId'),
		call: (hub, admin, id) => hub.fleet.newEnrolment(admin, id),
		saved: (enrolment) => ({ enrolment })
	}),

	revokeKiosk: adminAction('kiosks', {
		schema: RowIdSchema,
		input: rowId('kioskId'),
		call: (hub, admin, id) => hub.fleet.revokeKiosk(admin, id)
	}),

	resolveAlert: adminAction('kiosks', {
		schema: RowIdSchema,
		input: rowId('alertId'),
		call: (hub, admin, id) => hub.fleet.resolveAlert(admin, id)
	}),

	acceptHeld: adminAction('kiosks', {
		schema: RowIdSchema,
		input: rowId('alertId'),
		call: (hub, admin, id) => hub.dispatch.acceptHeld(admin, id),
		saved: (item) => ({ accepted: { ticketNo: item.ticketNo, printedTicket: item.printedTicket } })
	}),

	createPost: adminAction('posts', {
		schema: PostInputSchema,
		input: (f) => {
			const siteSlug = text(f, 'siteSlug');
			return { name: text(f, 'name'), ...(siteSlug ? { siteSlug } : {}) };
		},
		call: (hub, admin, post) => hub.fleet.createPost(admin, post)
	}),

	togglePost: adminAction('posts', {
		schema: RowIdSchema,
		input: rowId('postId'),
		call: (hub, admin, id, f) => hub.fleet.setPostActive(admin, id, isOn(f))
	}),

	createMember: adminAction('members', {
		schema: MemberSchema,
		input: memberInput,
		call: (hub, admin, m) => hub.fleet.createMember(admin, m)
	}),

	setMemberRoles: adminAction('members', {
		schema: MemberRolesSchema,
		input: rolesInput,
		call: (hub, admin, { id, ...roles }) => hub.fleet.setMemberRoles(admin, id, roles)
	}),

	toggleMember: adminAction('members', {
		schema: RowIdSchema,
		input: rowId('memberId'),
		call: (hub, admin, id, f) => hub.fleet.setMemberActive(admin, id, isOn(f))
	}),

	resetPin: adminAction('members', {
		schema: v.strictObject({ id: RowIdSchema, pin: PinSchema }),
		input: (f) => ({ id: Number(text(f, 'memberId')), pin: text(f, 'pin') }),
		call: (hub, admin, { id, pin }) => hub.fleet.resetMemberPin(admin, id, pin)
	}),

	// Answers with the import's result only, and every refusal as a 400 with the service's code.
	importMembers: formAction({
		role: 'admin',
		where: () => ({ tab: 'members' as const }),
		schema: MemberFileSchema,
		input: (f) => f.get('file'),
		call: importMembers,
		refused: (r) => ({ status: 400, problem: r.message }),
		saved: (imported) => ({ imported })
	}),

	saveCategory: adminAction('categories', {
		schema: CategorySettingsSchema,
		input: (f) => ({
			category: text(f, 'category'),
			responseHours: hoursOf(text(f, 'responseHours')),
			urgentHours: hoursOf(text(f, 'urgentHours')),
			resolutionHours: hoursOf(text(f, 'resolutionHours')),
			onsiteHours: hoursOf(text(f, 'onsiteHours')),
			phrases: text(f, 'phrases')
				.split(/[,，、\n]/)
				.map((p) => p.trim())
				.filter(Boolean)
		}),
		call: (hub, admin, s) => hub.fleet.saveCategory(admin, s)
	}),

	saveSettings: adminAction('settings', {
		schema: DeskSettingsSchema,
		input: (f) => ({
			escalationHours: hoursOf(text(f, 'escalationHours')),
			autoReleaseHours: hoursOf(text(f, 'autoReleaseHours')),
			acceptUrgentMinutes: num(f, 'acceptUrgentMinutes'),
			acceptMinutes: num(f, 'acceptMinutes')
		}),
		call: (hub, admin, s) => hub.fleet.saveSettings(admin, s)
	}),

	createStaff: adminAction('staff', {
		schema: StaffCreateSchema,
		input: (f) => ({
			username: text(f, 'username'),
			displayName: text(f, 'displayName'),
			role: text(f, 'role'),
			password: text(f, 'password')
		}),
		call: (hub, admin, s) => hub.staff.create(admin, s)
	}),

	toggleStaff: adminAction('staff', {
		schema: RowIdSchema,
		input: rowId('staffId'),
		call: (hub, admin, id, f) => hub.staff.setActive(admin, id, isOn(f))
	}),

	resetStaffPassword: adminAction('staff', {
		schema: RowIdSchema,
		input: rowId('staffId'),
		call: (hub, admin, id) => hub.staff.resetPassword(admin, id),
		saved: ({ password }) => ({ newPassword: password })
	})
};
