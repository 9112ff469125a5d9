import { redirect } from '@sveltejs/kit';
import { clearStaffCookie, staffToken } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/desk');

export const actions: Actions = {
	default: async ({ cookies, locals, url }) => {
		const token = staffToken(cookies);
		if (token) await locals.hub.staff.signOut(token);
		clearStaffCookie(cookies, url);
		redirect(303, '/desk/login');
	}
};
