import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { normalizeCode } from '$shared/domain/codes.ts';
import { CodeSchema } from '$shared/schemas/wishes.ts';
import { setDeviceCookie } from '$lib/server/device-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

// Nothing is used up by opening the page (link previews, a double tap): only pressing the button.
export const load: PageServerLoad = ({ params }) => ({
	valid: v.safeParse(CodeSchema, normalizeCode(params.code)).success
});

export const actions: Actions = {
	default: async ({ params, locals, cookies, url }) => {
		const code = normalizeCode(params.code);
		if (!v.safeParse(CodeSchema, code).success) return fail(400, { invalid: true });
		const r = await locals.hub.fleet.redeem(code);
		if (!r.ok) return fail(400, { invalid: true });
		// The kiosk page takes the token from the fragment, keeps it and clears the address bar. The
		// cookie comes too, so even this first load of the kiosk page arrives with its wall drawn.
		setDeviceCookie(cookies, r.value.siteSlug, r.value.token, url);
		redirect(303, `/kiosk/${r.value.siteSlug}#device=${r.value.token}`);
	}
};
