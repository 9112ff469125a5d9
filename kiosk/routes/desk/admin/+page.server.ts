/**
 * Administration: one page, tabs by ?tab=, one form action per change. The gate in hooks already
 * refused non-admins; every action checks again, and the hub's fleet/staff services check a third
 * time inside the transaction that writes the audit row.
 */
import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import {
	CategorySettingsSchema,
	DeskSettingsSchema,
	KioskCreateSchema,
	PostInputSchema,
	RowIdSchema,
	SiteInputSchema,
	SiteSlugSchema,
	StaffCreateSchema
} from '$shared/schemas/desk.ts';
import { ContactPhoneSchema } from '$shared/schemas/wishes.ts';
import { MemberNoSchema, PinSchema } from '$shared/schemas/members.ts';
import { ErrorCode } from '$shared/errors.ts';
import { parseCsv } from '$lib/csv.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

const TABS = [
	'kiosks',
	'sites',
	'members',
	'posts',
	'categories',
	'settings',
	'staff',
	'audit'
] as const;
type Tab = (typeof TABS)[number];

export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requireStaff(locals, 'admin');
	const asked = url.searchParams.get('tab') as Tab | null;
	const tab: Tab = asked && TABS.includes(asked) ? asked : 'kiosks';
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

type Form = Record<string, FormDataEntryValue>;

function text(form: Form, key: string): string {
	const v = form[key];
	return typeof v === 'string' ? v : '';
}

/** The first issue's code (our schemas name every refusal), for the page's error catalogue. */
function problemOf(issues: readonly v.BaseIssue<unknown>[]): string {
	return issues[0]?.message ?? ErrorCode.invalidPayload;
}

/** Validates, calls, and turns the outcome into what the page shows under the tab's forms. */
async function change<S extends v.GenericSchema<unknown, unknown>>(
	tab: Tab,
	schema: S,
	input: unknown,
	call: (
		value: v.InferOutput<S>
	) => Promise<{ ok: true; value: unknown } | { ok: false; error: string; message: string }>
) {
	const parsed = v.safeParse(schema, input);
	if (!parsed.success) return fail(400, { tab, problem: problemOf(parsed.issues) });
	const r = await call(parsed.output);
	if (!r.ok)
		return fail(r.error === ErrorCode.forbidden ? 403 : 400, {
			tab,
			problem: r.message || r.error
		});
	return { tab, saved: true, value: r.value };
}

const hoursOf = (s: string) => (s.trim() === '' ? NaN : Number(s));

export const actions: Actions = {
	createSite: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'sites',
			SiteInputSchema,
			{
				slug: text(f, 'slug'),
				name: text(f, 'name'),
				kind: text(f, 'kind'),
				village: text(f, 'village'),
				address: text(f, 'address')
			},
			(site) => locals.hub.fleet.createSite(admin, site)
		);
	},

	updateSite: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'sites',
			SiteInputSchema,
			{
				slug: text(f, 'slug'),
				name: text(f, 'name'),
				kind: text(f, 'kind'),
				village: text(f, 'village'),
				address: text(f, 'address')
			},
			(site) => locals.hub.fleet.updateSite(admin, site)
		);
	},

	createKiosk: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		const r = await change(
			'kiosks',
			KioskCreateSchema,
			{
				siteSlug: text(f, 'siteSlug'),
				name: text(f, 'name'),
				ticketPrefix: text(f, 'ticketPrefix').trim().toUpperCase(),
				paperMm: Number(text(f, 'paperMm'))
			},
			(kiosk) => locals.hub.fleet.createKiosk(admin, kiosk)
		);
		return 'saved' in r ? { ...r, enrolment: r.value } : r;
	},

	newCode: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		const r = await change('kiosks', RowIdSchema, Number(text(f, 'kioskId')), (id) =>
			locals.hub.fleet.newEnrolment(admin, id)
		);
		return 'saved' in r ? { ...r, enrolment: r.value } : r;
	},

	revokeKiosk: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('kiosks', RowIdSchema, Number(text(f, 'kioskId')), (id) =>
			locals.hub.fleet.revokeKiosk(admin, id)
		);
	},

	resolveAlert: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('kiosks', RowIdSchema, Number(text(f, 'alertId')), (id) =>
			locals.hub.fleet.resolveAlert(admin, id)
		);
	},

	createPost: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		const siteSlug = text(f, 'siteSlug');
		return change(
			'posts',
			PostInputSchema,
			{ name: text(f, 'name'), ...(siteSlug ? { siteSlug } : {}) },
			(post) => locals.hub.fleet.createPost(admin, post)
		);
	},

	togglePost: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('posts', RowIdSchema, Number(text(f, 'postId')), (id) =>
			locals.hub.fleet.setPostActive(admin, id, text(f, 'active') === '1')
		);
	},

	createMember: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('members', MemberSchema, memberFrom(f), (m) =>
			locals.hub.fleet.createMember(admin, m)
		);
	},

	toggleMember: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('members', RowIdSchema, Number(text(f, 'memberId')), (id) =>
			locals.hub.fleet.setMemberActive(admin, id, text(f, 'active') === '1')
		);
	},

	resetPin: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'members',
			v.strictObject({ id: RowIdSchema, pin: PinSchema }),
			{ id: Number(text(f, 'memberId')), pin: text(f, 'pin') },
			({ id, pin }) => locals.hub.fleet.resetMemberPin(admin, id, pin)
		);
	},

	importMembers: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0 || file.size > 1_000_000) {
			return fail(400, { tab: 'members', problem: 'no_header' });
		}
		const rows = parseCsv(await file.text());
		if (rows.length < 2) return fail(400, { tab: 'members', problem: 'no_header' });
		const good: { line: number; member: v.InferOutput<typeof MemberSchema> }[] = [];
		const bad: { line: number; reason: string }[] = [];
		// Line numbers as a spreadsheet shows them: the header is line 1.
		rows.slice(1).forEach((cells, i) => {
			const [memberNo, displayName, phone, siteSlug, skills, pin] = cells.map((c) => c.trim());
			const parsed = v.safeParse(MemberSchema, {
				memberNo: memberNo ?? '',
				displayName: displayName ?? '',
				phone: phone ?? '',
				siteSlug: siteSlug || null,
				skills: skills ?? '',
				pin: pin ?? ''
			});
			if (parsed.success) good.push({ line: i + 2, member: parsed.output });
			else bad.push({ line: i + 2, reason: problemOf(parsed.issues) });
		});
		const r = await locals.hub.fleet.importMembers(admin, good);
		if (!r.ok) return fail(400, { tab: 'members', problem: r.message });
		return {
			tab: 'members',
			saved: true,
			imported: {
				added: r.value.added,
				errors: [...bad, ...r.value.errors].sort((a, b) => a.line - b.line)
			}
		};
	},

	saveCategory: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'categories',
			CategorySettingsSchema,
			{
				category: text(f, 'category'),
				responseHours: hoursOf(text(f, 'responseHours')),
				urgentHours: hoursOf(text(f, 'urgentHours')),
				resolutionHours: hoursOf(text(f, 'resolutionHours')),
				phrases: text(f, 'phrases')
					.split(/[,，、\n]/)
					.map((p) => p.trim())
					.filter(Boolean)
			},
			(s) => locals.hub.fleet.saveCategory(admin, s)
		);
	},

	saveSettings: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'settings',
			DeskSettingsSchema,
			{
				escalationHours: hoursOf(text(f, 'escalationHours')),
				autoReleaseHours: hoursOf(text(f, 'autoReleaseHours'))
			},
			(s) => locals.hub.fleet.saveSettings(admin, s)
		);
	},

	createStaff: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change(
			'staff',
			StaffCreateSchema,
			{
				username: text(f, 'username'),
				displayName: text(f, 'displayName'),
				role: text(f, 'role'),
				password: text(f, 'password')
			},
			(s) => locals.hub.staff.create(admin, s)
		);
	},

	toggleStaff: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		return change('staff', RowIdSchema, Number(text(f, 'staffId')), (id) =>
			locals.hub.staff.setActive(admin, id, text(f, 'active') === '1')
		);
	},

	resetStaffPassword: async ({ request, locals }) => {
		const admin = requireStaff(locals, 'admin');
		const f = Object.fromEntries(await request.formData());
		const r = await change('staff', RowIdSchema, Number(text(f, 'staffId')), (id) =>
			locals.hub.staff.resetPassword(admin, id)
		);
		return 'saved' in r ? { ...r, newPassword: (r.value as { password: string }).password } : r;
	}
};

const MemberSchema = v.strictObject({
	memberNo: MemberNoSchema,
	displayName: v.pipe(v.string(), v.trim(), v.minLength(1, 'name_required'), v.maxLength(20)),
	phone: ContactPhoneSchema,
	siteSlug: v.nullable(SiteSlugSchema),
	skills: v.pipe(v.string(), v.trim(), v.maxLength(60)),
	pin: PinSchema
});

function memberFrom(f: Form) {
	return {
		memberNo: text(f, 'memberNo'),
		displayName: text(f, 'displayName'),
		phone: text(f, 'phone').trim(),
		siteSlug: text(f, 'siteSlug') || null,
		skills: text(f, 'skills'),
		pin: text(f, 'pin')
	};
}
