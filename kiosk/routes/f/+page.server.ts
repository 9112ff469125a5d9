import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import {
	FieldAcceptSchema,
	FieldArriveSchema,
	FieldHandBackSchema,
	FieldReportSchema,
	FieldStartSchema
} from '$shared/schemas/field.ts';
import type { FieldAction } from '$lib/components/field/field-forms.svelte.ts';
import { sessionToken } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, cookies, url }) => {
	// One sign-in for phones: /m's form, which brings the worker straight back here.
	const here = url.pathname + url.search;
	if (!locals.member) redirect(303, `/m?redirect=${encodeURIComponent(here)}`);
	if (locals.member.posts.length === 0) return { worker: false as const };
	const inbox = await locals.hub.field.inbox(sessionToken(cookies));
	if (!inbox) redirect(303, `/m?redirect=${encodeURIComponent(here)}`);
	return { worker: true as const, inbox };
};

const HTTP_STATUS: Partial<Record<string, number>> = {
	[ErrorCode.unauthorized]: 401,
	[ErrorCode.forbidden]: 403,
	[ErrorCode.notYours]: 403,
	[ErrorCode.notFound]: 404,
	[ErrorCode.alreadyClaimed]: 409,
	[ErrorCode.forbiddenTransition]: 409,
	[ErrorCode.conflict]: 409,
	[ErrorCode.stale]: 409
};

/**
 * A refused step: the reason code the page names (the hub's, or 'accept_first' for a step before
 * 接单), and for a lost race the winner as the other workers call them (王师傅).
 */
function refused(action: FieldAction, wishId: string, error: string, message = '') {
	const reason =
		error === ErrorCode.forbiddenTransition && message === 'accept_first' ? 'accept_first' : error;
	return fail(HTTP_STATUS[error] ?? 400, {
		action,
		wishId,
		error: reason,
		name: error === ErrorCode.alreadyClaimed ? message : null,
		located: null
	});
}

const text = (form: FormData, key: string) => {
	const value = form.get(key);
	return typeof value === 'string' ? value : '';
};

/** The fields every step carries: the item, and its seq as the phone showed it. */
function seen(form: FormData) {
	const seq = text(form, 'seq');
	return { wishId: text(form, 'wishId'), seq: seq === '' ? Number.NaN : Number(seq) };
}

/** A photo id when the form has one (the photo went to /api/photos first). */
function photo(form: FormData): { photoId?: string } {
	const id = text(form, 'photoId');
	return id ? { photoId: id } : {};
}

/** The arrival's location when the phone gave one, or why not. */
function whereabouts(form: FormData) {
	const [lat, lng, accuracyM] = ['lat', 'lng', 'accuracyM'].map((k) => text(form, k));
	if (lat && lng && accuracyM) {
		return { location: { lat: Number(lat), lng: Number(lng), accuracyM: Number(accuracyM) } };
	}
	const note = text(form, 'locationNote');
	return note ? { locationNote: note } : {};
}

/**
 * One step: the form's fields checked with the shared schema (its first issue is the reason),
 * then the hub's command with the phone's session.
 */
async function step<S extends v.GenericSchema>(
	event: RequestEvent,
	action: FieldAction,
	schema: S,
	fields: (form: FormData) => Record<string, unknown>,
	run: (token: string | null, input: v.InferOutput<S>) => Promise<Outcome<{ wishId: string }>>
) {
	const form = await event.request.formData();
	const input = { ...seen(form), ...fields(form) };
	const parsed = v.safeParse(schema, input);
	if (!parsed.success) {
		return refused(action, input.wishId, parsed.issues[0]?.message ?? ErrorCode.invalidPayload);
	}
	const r = await run(sessionToken(event.cookies), parsed.output);
	if (!r.ok) return refused(action, input.wishId, r.error, r.message);
	return {
		action,
		wishId: input.wishId,
		error: null,
		name: null,
		located: action === 'arrive' ? 'location' in input : null
	};
}

export const actions = {
	accept: (e) => step(e, 'accept', FieldAcceptSchema, () => ({}), e.locals.hub.field.accept),
	arrive: (e) =>
		step(
			e,
			'arrive',
			FieldArriveSchema,
			(form) => ({ ...photo(form), ...whereabouts(form) }),
			e.locals.hub.field.arrive
		),
	start: (e) =>
		step(
			e,
			'start',
			FieldStartSchema,
			(form) => ({ note: text(form, 'note') }),
			e.locals.hub.field.start
		),
	findings: (e) =>
		step(
			e,
			'findings',
			FieldReportSchema,
			(form) => ({ note: text(form, 'note'), ...photo(form) }),
			e.locals.hub.field.reportBack
		),
	fixed: (e) =>
		step(
			e,
			'fixed',
			FieldReportSchema,
			(form) => ({ note: text(form, 'note'), ...photo(form) }),
			e.locals.hub.field.fixed
		),
	handBack: (e) =>
		step(
			e,
			'handBack',
			FieldHandBackSchema,
			(form) => ({ reason: text(form, 'reason') }),
			e.locals.hub.field.handBack
		)
} satisfies Actions;
