/**
 * 结对帮扶 at a glance: this month's coverage, then the households with filters, a form for a
 * new one and a CSV import. Dispatchers and admins.
 */
import { error } from '@sveltejs/kit';
import { HouseholdInputSchema } from '$shared/schemas/pairing.ts';
import { readFilter } from '$lib/desk-pairing.ts';
import { formAction } from '$lib/server/form-action.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';
import {
	HouseholdFileSchema,
	householdInput,
	importHouseholds,
	type ImportResult
} from './households.ts';
import { refusedByMessage } from './refusals.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals);
	const api = locals.hub.pairing;
	const filter = readFilter(url.searchParams);
	const [coverage, households, sites] = await Promise.all([
		api.coverage(staff),
		api.households(staff, filter),
		locals.hub.figures.sites()
	]);
	if (!coverage.ok) error(403, coverage.message);
	if (!households.ok) error(403, households.message);
	return { coverage: coverage.value, households: households.value, filter, sites };
};

export const actions: Actions = {
	create: formAction({
		where: () => ({ form: 'create' as const }),
		schema: HouseholdInputSchema,
		input: householdInput,
		call: (hub, who, household) => hub.pairing.createHousehold(who, household),
		refused: refusedByMessage,
		saved: ({ id }) => ({ id })
	}),

	// Answers with the import's result only; a file without the header is one 400.
	import: formAction({
		where: () => ({ form: 'import' as const }),
		schema: HouseholdFileSchema,
		input: (f) => f.get('file'),
		call: (hub, who, file) => importHouseholds(hub, who, file),
		refused: (r) => ({ status: 400, problem: r.message }),
		saved: (imported: ImportResult) => ({ imported })
	})
};
