import * as v from 'valibot';
import { ActivityInputSchema, LocalDateSchema, SignupSchema } from '$shared/schemas/stations.ts';
import { RowIdSchema } from '$shared/schemas/desk.ts';
import { ErrorCode } from '$shared/errors.ts';
import { formAction } from '$lib/server/form-action.ts';
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

/** A sign-up's row on the page; an unreadable id has none, so its refusal shows nowhere. */
const signupKey = (_form: FormData, signupId: number | null) =>
	({ key: signupId === null ? 'signup' : `signup:${signupId}` }) as const;

const SignupIdSchema = v.message(RowIdSchema, ErrorCode.invalidPayload);

/** A walk-in's fields: any bad id is invalid_payload, a bad name text_required. */
const WalkInSchema = v.object({
	activityId: v.message(RowIdSchema, ErrorCode.invalidPayload),
	date: v.message(LocalDateSchema, ErrorCode.invalidPayload),
	name: v.message(SignupSchema.entries.name, 'text_required')
});

// The attendance and walk-in refusals come from the day's list changing meanwhile.
const refusedAs = (status: number) => (r: { error: string }) => ({ status, problem: r.error });

export const actions: Actions = {
	save: formAction({
		where: (form) => {
			const id = int(form.get('id'));
			return { key: Number.isNaN(id) ? 'new' : `activity:${id}` };
		},
		schema: ActivityInputSchema,
		input: fromForm,
		call: (hub, who, input, form) => {
			const id = int(form.get('id'));
			return hub.activities.save(who, int(form.get('siteId')), Number.isNaN(id) ? null : id, input);
		}
	}),

	attend: formAction({
		where: signupKey,
		schema: SignupIdSchema,
		input: (form) => int(form.get('signupId')),
		call: (hub, who, signupId, form) =>
			hub.activities.setAttendance(who, signupId, form.get('attended') === '1'),
		refused: refusedAs(409)
	}),

	cancel: formAction({
		where: signupKey,
		schema: SignupIdSchema,
		input: (form) => int(form.get('signupId')),
		call: (hub, who, signupId) => hub.activities.cancel(who, signupId),
		refused: refusedAs(409)
	}),

	walkin: formAction({
		where: (form) => ({
			key: `walkin:${int(form.get('activityId'))}:${String(form.get('date') ?? '')}`
		}),
		schema: WalkInSchema,
		input: (form) => ({
			activityId: int(form.get('activityId')),
			date: String(form.get('date') ?? ''),
			name: String(form.get('name') ?? '')
		}),
		call: (hub, who, walkIn) => hub.activities.addWalkIn(who, walkIn),
		refused: refusedAs(400)
	})
};
