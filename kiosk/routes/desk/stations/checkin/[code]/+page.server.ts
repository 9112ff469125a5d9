import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { CodeSchema } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

// Opening the scanned link only shows the sign-up; marking present is a deliberate POST.
export const load: PageServerLoad = async ({ locals, params }) => {
	requireStaff(locals);
	const found = v.is(CodeSchema, params.code)
		? await locals.hub.activities.slip(params.code)
		: null;
	return { found };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const who = requireStaff(locals);
		if (!v.is(CodeSchema, params.code)) return fail(404, { problem: ErrorCode.notFound });
		const r = await locals.hub.activities.checkIn(who, params.code);
		if (!r.ok) return fail(409, { problem: r.error });
		return { done: true };
	}
};
