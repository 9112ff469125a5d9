import { error } from '@sveltejs/kit';
import { ErrorCode } from '$shared/errors.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const r = await locals.hub.dispatch.detail(requireStaff(locals), params.id);
	if (!r.ok) error(r.error === ErrorCode.notFound ? 404 : 403, r.message);
	return { item: r.value.item, publicUrl: locals.hub.fleet.publicUrl() };
};
