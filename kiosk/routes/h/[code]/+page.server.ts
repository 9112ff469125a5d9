import * as v from 'valibot';
import { normalizeCode } from '$shared/domain/codes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { DoorCodeSchema } from '$shared/schemas/pairing.ts';
import { sessionToken } from '$lib/server/session.ts';
import { logVisit, refuse, visitHousehold } from '$lib/visit-server.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The household's door card (DESIGN.md §15). A stranger who scans it learns nothing: signed out,
 * every well-formed code gets the same sign-in page; signed in, only the paired member gets the
 * household, anyone else one plain sentence.
 */
function codeOf(params: { code: string }): string | null {
	const code = normalizeCode(params.code);
	return v.is(DoorCodeSchema, code) ? code : null;
}

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const code = codeOf(params);
	if (!code) return { state: 'not_found' as const, household: null };
	if (!locals.member) return { state: 'signed_out' as const, household: null };
	const r = await locals.hub.pairing.byDoorCode(sessionToken(cookies), code);
	if (!r.ok) {
		if (r.error === ErrorCode.unauthorized)
			return { state: 'signed_out' as const, household: null };
		return {
			state: r.error === ErrorCode.notYours ? ('not_yours' as const) : ('not_found' as const),
			household: null
		};
	}
	return { state: 'mine' as const, household: visitHousehold(r.value) };
};

export const actions = {
	visit: async ({ params, locals, cookies, request }) => {
		const code = codeOf(params);
		if (!code) return refuse(ErrorCode.notFound);
		// The household comes from the card, never from the form: a posted id cannot redirect it.
		const r = await locals.hub.pairing.byDoorCode(sessionToken(cookies), code);
		if (!r.ok) return refuse(r.error);
		return logVisit(locals, cookies, await request.formData(), r.value.id, true);
	}
} satisfies Actions;
