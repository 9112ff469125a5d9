import { redirect } from '@sveltejs/kit';
import { ErrorCode } from '$shared/errors.ts';
import { sessionToken } from '$lib/server/session.ts';
import { logVisit, refuse, visitHousehold } from '$lib/visit-server.ts';
import type { Actions, PageServerLoad } from './$types';

/** A household id from the path, or null when it cannot be one. */
function idOf(params: { id: string }): number | null {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : 0;
	return id > 0 ? id : null;
}

export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
	// One sign-in for phones: /m's form, which brings the member straight back here.
	if (!locals.member) redirect(303, `/m?redirect=${encodeURIComponent(url.pathname)}`);
	const id = idOf(params);
	const r = id ? await locals.hub.pairing.householdForMember(sessionToken(cookies), id) : null;
	if (!r || !r.ok) return { household: null, error: r?.error ?? ErrorCode.notFound };
	return { household: visitHousehold(r.value), error: null };
};

export const actions = {
	visit: async ({ params, locals, cookies, request }) => {
		const id = idOf(params);
		if (!id) return refuse(ErrorCode.notFound);
		return logVisit(locals, cookies, await request.formData(), id, false);
	}
} satisfies Actions;
