/**
 * The server side of the member's 记一次走访 (/m/visit/<id> and the door card /h/<code>): the
 * posted form turned into a VisitInput and checked with the shared schema, the hub's logVisit with
 * the phone's session, and the answer the page shows — the tickets of its needs, or a reason code.
 * A refusal writes nothing; the reason is always a code the visits catalogue names.
 */
import { fail, type Cookies } from '@sveltejs/kit';
import * as v from 'valibot';
import { ErrorCode } from '$shared/errors.ts';
import { VisitInputSchema, type HouseholdSummary } from '$shared/schemas/pairing.ts';
import { sessionToken } from '$lib/server/session.ts';

/** What the visit pages show of a household: no address, phone or notes (the card is in view). */
export function visitHousehold(h: HouseholdSummary) {
	const { id, headName, village, tags, people, lastVisitAt, due, overdue } = h;
	return { id, headName, village, tags, people, lastVisitAt, due, overdue };
}
export type VisitHousehold = ReturnType<typeof visitHousehold>;

/** What the form action answers: the tickets of the needs on success, or a reason code. */
export type VisitAnswer =
	{ ok: true; tickets: string[]; error: null } | { ok: false; tickets: null; error: string };

const HTTP_STATUS: Partial<Record<string, number>> = {
	[ErrorCode.unauthorized]: 401,
	[ErrorCode.forbidden]: 403,
	[ErrorCode.notYours]: 403,
	[ErrorCode.notFound]: 404,
	[ErrorCode.rateLimited]: 429
};

export function refuse(error: string) {
	return fail(HTTP_STATUS[error] ?? 400, {
		ok: false,
		tickets: null,
		error
	} satisfies VisitAnswer);
}

/** The most needs a form may carry rows for (the schema refuses more than 5). */
const MAX_NEED_ROWS = 8;

/**
 * The posted fields as the schema's input: `kind` once per ticked chip, `photoId` once per
 * uploaded photo, and needs as `need<i>.kind` / `.category` / `.text` for i = 0, 1, … in order.
 */
export function visitFields(form: FormData, householdId: number, byCard: boolean): unknown {
	const strings = (name: string) =>
		form.getAll(name).filter((x): x is string => typeof x === 'string');
	const text = (name: string) => strings(name)[0] ?? '';
	const needs = [];
	for (let i = 0; i < MAX_NEED_ROWS && form.has(`need${i}.kind`); i++) {
		needs.push({
			kind: text(`need${i}.kind`),
			category: text(`need${i}.category`),
			text: text(`need${i}.text`).trim()
		});
	}
	return {
		householdId,
		byCard,
		kinds: strings('kind'),
		note: text('note'),
		photoIds: strings('photoId').filter((id) => id !== ''),
		needs
	};
}

/** One visit: parse with the shared schema → the hub's logVisit → the tickets of its needs. */
export async function logVisit(
	locals: App.Locals,
	cookies: Cookies,
	form: FormData,
	householdId: number,
	byCard: boolean
) {
	const parsed = v.safeParse(VisitInputSchema, visitFields(form, householdId, byCard));
	if (!parsed.success) return refuse(parsed.issues[0]?.message ?? ErrorCode.invalidPayload);
	const r = await locals.hub.pairing.logVisit(sessionToken(cookies), parsed.output);
	// A photo id that is not this member's fresh photo of this household: pick the photo again.
	if (!r.ok) return refuse(r.message === 'no such photo' ? 'bad_photo' : r.error);
	return { ok: true, tickets: r.value.tickets, error: null } satisfies VisitAnswer;
}
