import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { ActivityInputSchema, LocalDateSchema, SignupSchema } from '$shared/schemas/stations.ts';
import { RowIdSchema } from '$shared/schemas/desk.ts';
import { ErrorCode } from '$shared/errors.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

/** Words in a list field: 义诊、维修, 农技 … */
function words(raw: FormDataEntryValue | null): string[] {
	return String(raw ?? '')
		.split(/[、,，;；\s]+/)
		.map((w) => w.trim())
		.filter(Boolean);
}

function int(raw: FormDataEntryValue | null): number {
	return raw === null || String(raw).trim() === '' ? NaN : Number(raw);
}

/** The editor's fields as the shared activity shape; the schema then decides what is wrong. */
function fromForm(form: FormData): unknown {
	const kind = String(form.get('kind') ?? 'once');
	const timing = { time: String(form.get('time') ?? ''), minutes: int(form.get('minutes')) };
	const repeat = {
		...timing,
		from: String(form.get('from') ?? ''),
		until: String(form.get('until') ?? '').trim() || null,
		except: words(form.get('except'))
	};
	const schedule =
		kind === 'monthly'
			? { kind, day: int(form.get('day')), ...repeat }
			: kind === 'weekly'
				? { kind, days: form.getAll('days').map(Number), ...repeat }
				: { kind: 'once', date: String(form.get('date') ?? ''), ...timing };
	const capacity = String(form.get('capacity') ?? '').trim();
	return {
		title: String(form.get('title') ?? ''),
		description: String(form.get('description') ?? ''),
		place: String(form.get('place') ?? ''),
		services: words(form.get('services')),
		schedule,
		capacity: capacity === '' ? null : Number(capacity),
		active: form.get('active') === 'on'
	};
}

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(locals);
	const [activities, sites] = await Promise.all([
		locals.hub.activities.deskList(null),
		locals.hub.stations.sites()
	]);
	return {
		activities,
		sites: sites.map((s) => ({ id: s.site.id, name: s.site.name })),
		now: Date.now()
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const who = requireStaff(locals);
		const form = await request.formData();
		const id = int(form.get('id'));
		const key = Number.isNaN(id) ? 'new' : `activity:${id}`;
		const parsed = v.safeParse(ActivityInputSchema, fromForm(form));
		if (!parsed.success) {
			return fail(400, { key, problem: parsed.issues[0]?.message ?? ErrorCode.invalidPayload });
		}
		const r = await locals.hub.activities.save(
			who,
			int(form.get('siteId')),
			Number.isNaN(id) ? null : id,
			parsed.output
		);
		if (!r.ok) return fail(r.error === ErrorCode.forbidden ? 403 : 400, { key, problem: r.error });
		return { key, saved: true };
	},

	attend: async ({ request, locals }) => {
		const who = requireStaff(locals);
		const form = await request.formData();
		const signupId = int(form.get('signupId'));
		if (!v.is(RowIdSchema, signupId))
			return fail(400, { key: 'signup', problem: ErrorCode.invalidPayload });
		const r = await locals.hub.activities.setAttendance(
			who,
			signupId,
			form.get('attended') === '1'
		);
		if (!r.ok) return fail(409, { key: `signup:${signupId}`, problem: r.error });
		return { key: `signup:${signupId}`, saved: true };
	},

	cancel: async ({ request, locals }) => {
		const who = requireStaff(locals);
		const form = await request.formData();
		const signupId = int(form.get('signupId'));
		if (!v.is(RowIdSchema, signupId))
			return fail(400, { key: 'signup', problem: ErrorCode.invalidPayload });
		const r = await locals.hub.activities.cancel(who, signupId);
		if (!r.ok) return fail(409, { key: `signup:${signupId}`, problem: r.error });
		return { key: `signup:${signupId}`, saved: true };
	},

	walkin: async ({ request, locals }) => {
		const who = requireStaff(locals);
		const form = await request.formData();
		const activityId = int(form.get('activityId'));
		const date = String(form.get('date') ?? '');
		const name = v.safeParse(SignupSchema.entries.name, String(form.get('name') ?? ''));
		const key = `walkin:${activityId}:${date}`;
		if (!v.is(RowIdSchema, activityId) || !v.is(LocalDateSchema, date)) {
			return fail(400, { key, problem: ErrorCode.invalidPayload });
		}
		if (!name.success) return fail(400, { key, problem: 'text_required' });
		const r = await locals.hub.activities.addWalkIn(who, { activityId, date, name: name.output });
		if (!r.ok) return fail(400, { key, problem: r.error });
		return { key, saved: true };
	}
};
