import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const board = await locals.hub.dispatch.board(requireStaff(locals));
	if (!board.ok) error(403, board.message);
	return { board: board.value };
};
