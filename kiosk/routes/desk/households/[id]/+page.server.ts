/**
 * One household: its details (editable), its pairing (pair by member number, end with a reason,
 * the history), the visit timeline, the wishes it raised and its income by year.
 */
import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { ErrorCode } from '$shared/errors.ts';
import { RowIdSchema } from '$shared/schemas/desk.ts';
import {
	EndPairingSchema,
	HouseholdInputSchema,
	IncomeSchema,
	PairInputSchema
} from '$shared/schemas/pairing.ts';
import { formAction, num, text } from '$lib/server/form-action.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';
import { householdInput } from '../households.ts';
import { refusedByMessage } from '../refusals.ts';

const householdId = (params: Record<string, string>) => {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id < 1) error(404, 'no_such_household');
	return id;
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const staff = requireStaff(locals);
	const id = householdId(params);
	const [household, sites] = await Promise.all([
		locals.hub.pairing.household(staff, id),
		locals.hub.figures.sites()
	]);
	if (!household.ok) error(household.error === ErrorCode.notFound ? 404 : 403, household.message);
	return { household: household.value, sites };
};

/** Every action answers under its form's name, with the service's refusal code. */
const answer = <F extends string>(form: F) => ({
	where: () => ({ form }),
	refused: refusedByMessage
});

export const actions: Actions = {
	update: formAction({
		...answer('update'),
		schema: v.strictObject({ id: RowIdSchema, household: HouseholdInputSchema }),
		input: (f) => ({ id: num(f, 'householdId'), household: householdInput(f) }),
		call: (hub, who, { id, household }) => hub.pairing.updateHousehold(who, id, household)
	}),

	pair: formAction({
		...answer('pair'),
		schema: PairInputSchema,
		input: (f) => ({
			householdId: num(f, 'householdId'),
			memberNo: text(f, 'memberNo'),
			aim: text(f, 'aim'),
			cadenceDays: text(f, 'cadence') === 'days' ? num(f, 'cadenceDays') : null
		}),
		call: (hub, who, input) => hub.pairing.pair(who, input)
	}),

	end: formAction({
		...answer('end'),
		schema: EndPairingSchema,
		input: (f) => ({ pairingId: num(f, 'pairingId'), reason: text(f, 'reason') }),
		call: (hub, who, input) => hub.pairing.endPairing(who, input)
	}),

	income: formAction({
		...answer('income'),
		schema: IncomeSchema,
		input: (f) => ({
			householdId: num(f, 'householdId'),
			year: num(f, 'year'),
			yuan: num(f, 'yuan')
		}),
		call: (hub, who, input) => hub.pairing.setIncome(who, input)
	})
};
