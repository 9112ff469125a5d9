import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { PasswordSchema } from '$shared/schemas/desk.ts';
import { requireStaff, setStaffCookie } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	mustChange: requireStaff(locals).mustChangePassword
});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const staff = requireStaff(locals);
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('repeat') ?? ''))
			return fail(400, { problem: 'mismatch' as const });
		if (!v.safeParse(PasswordSchema, next).success)
			return fail(400, { problem: 'tooShort' as const });
		// The old session ends with the change; this browser continues on a fresh one.
		const signedIn = await locals.hub.staff.signIn(staff.username, current);
		if (!signedIn.ok) return fail(401, { problem: 'wrongCurrent' as const });
		const r = await locals.hub.staff.changePassword(staff, current, next, signedIn.value.token);
		if (!r.ok) {
			return fail(400, {
				problem: r.message === 'password_unchanged' ? ('same' as const) : ('wrongCurrent' as const)
			});
		}
		setStaffCookie(cookies, signedIn.value.token, signedIn.value.expiresAt, url);
		redirect(303, '/desk');
	}
};
