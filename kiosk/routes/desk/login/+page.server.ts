import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { StaffSignInSchema } from '$shared/schemas/desk.ts';
import { ErrorCode } from '$shared/errors.ts';
import { deskRedirect, setStaffCookie } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.staff) redirect(303, deskRedirect(url.searchParams.get('next')));
	return { next: deskRedirect(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const parsed = v.safeParse(StaffSignInSchema, {
			username,
			password: String(form.get('password') ?? '')
		});
		if (!parsed.success) return fail(400, { username, problem: 'required' as const });
		const r = await locals.hub.staff.signIn(
			parsed.output.username,
			parsed.output.password,
			getClientAddress()
		);
		if (!r.ok) {
			if (r.error !== ErrorCode.rateLimited) {
				return fail(401, { username, problem: 'wrong' as const });
			}
			// `address:<until>`: this address tried too often; `<until>`: the account is locked.
			if (r.message.startsWith('address:')) {
				const until = Number(r.message.slice('address:'.length));
				return fail(429, { username, problem: 'tooMany' as const, until });
			}
			return fail(429, { username, problem: 'locked' as const, until: Number(r.message) });
		}
		setStaffCookie(cookies, r.value.token, r.value.expiresAt, url);
		redirect(
			303,
			r.value.staff.mustChangePassword
				? '/desk/password'
				: deskRedirect(String(form.get('next') ?? ''))
		);
	}
};
