/** Pairing a household with a party member, and ending it with a reason; the history stays. */
import { ErrorCode } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { PairInput } from '../../../shared/schemas/pairing.ts';
import { auditedChange } from '../staff/audited.ts';
import type { PairingDeps } from './deps.ts';

/** One live pairing per household (a unique index guards it too): end the old one first. */
export function pair(d: PairingDeps, by: StaffPrincipal, input: PairInput) {
	return auditedChange(
		d,
		by,
		'dispatcher',
		async (tx, at) => {
			const household = await tx.households.householdById(input.householdId);
			if (!household) return { ok: false, error: ErrorCode.notFound, message: 'no_such_household' };
			if (household.pairing_id !== null) {
				return { ok: false, error: ErrorCode.conflict, message: 'already_paired' };
			}
			const member = await tx.members.memberByNo(input.memberNo);
			if (!member || member.active !== 1) {
				return { ok: false, error: ErrorCode.notFound, message: 'no_such_member' };
			}
			if (member.party !== 1) {
				return { ok: false, error: ErrorCode.forbidden, message: 'not_party_member' };
			}
			const pairingId = await tx.households.insertPairing({
				householdId: household.id,
				memberId: member.id,
				aim: input.aim,
				cadenceDays: input.cadenceDays,
				at
			});
			return {
				ok: true,
				value: { pairingId },
				audit: {
					action: 'pairing.create',
					targetType: 'household',
					targetId: household.id,
					before: null,
					after: { memberNo: member.member_no, aim: input.aim, cadenceDays: input.cadenceDays }
				}
			};
		},
		'already_paired'
	);
}

export function endPairing(
	d: PairingDeps,
	by: StaffPrincipal,
	input: { pairingId: number; reason: string }
) {
	return auditedChange(d, by, 'dispatcher', async (tx, at) => {
		const before = await tx.households.pairingById(input.pairingId);
		if (!before || !(await tx.households.endPairing(input.pairingId, input.reason, at))) {
			return { ok: false, error: ErrorCode.notFound, message: 'no_live_pairing' };
		}
		return {
			ok: true,
			value: null,
			audit: {
				action: 'pairing.end',
				targetType: 'household',
				targetId: before.household_id,
				before: { memberName: before.member_name },
				after: { reason: input.reason }
			}
		};
	});
}
