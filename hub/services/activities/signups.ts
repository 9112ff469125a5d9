/**
 * Places on an activity's date: a resident signing up at a kiosk (capacity enforced inside one
 * transaction), the desk recording a walk-in, and the desk cancelling a sign-up.
 */
import { newCode } from '../../../shared/domain/codes.ts';
import { maskName } from '../../../shared/domain/privacy.ts';
import { hasOccurrenceOn, occurrenceOn } from '../../../shared/domain/recurrence.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Signup, SignupReceipt } from '../../../shared/schemas/stations.ts';
import type { SignupRow } from '../../store/activities.ts';
import { requireRole } from '../staff/roles.ts';
import {
	change,
	record,
	signupWithActivity,
	toDeskSignup,
	type ActivityDeps,
	type DeskSignup
} from './deps.ts';

/**
 * A resident signs up for one date. Counting the places taken and inserting happen in one
 * transaction (BEGIN IMMEDIATE, one connection), so no two sign-ups can both take the last
 * place. The same phone for the same date gets its first sign-up back, not a second place.
 */
export async function signup(
	d: ActivityDeps,
	by: { siteId: number; kioskId: number },
	input: Signup
): Promise<Outcome<SignupReceipt>> {
	const at = d.now();
	const name = input.name.trim();
	return change(d, async (tx) => {
		const a = await tx.activities.activityById(input.activityId);
		if (!a || !a.active || a.siteId !== by.siteId) {
			return { ok: false, error: ErrorCode.notFound, message: 'no such activity here' };
		}
		if (a.capacity === null) {
			return { ok: false, error: ErrorCode.forbidden, message: 'no sign-up needed; just come' };
		}
		if (!hasOccurrenceOn(a.schedule, input.date)) {
			return {
				ok: false,
				error: ErrorCode.notFound,
				message: 'the activity is not on that date'
			};
		}
		const occ = occurrenceOn(a.schedule, input.date);
		if (occ.start <= at) {
			return { ok: false, error: ErrorCode.tooLate, message: 'sign-up closed when it began' };
		}
		const receipt = (s: SignupRow, taken: number, already: boolean): SignupReceipt => ({
			signupId: s.id,
			slipCode: s.slip_code,
			title: a.title,
			place: a.place,
			date: occ.date,
			start: occ.start,
			end: occ.end,
			maskedName: maskName(s.name),
			phoneLast4: s.phone.slice(-4),
			already,
			placesLeft: Math.max(0, a.capacity! - taken)
		});
		const existing = await tx.activities.liveSignupByPhone(a.id, input.date, input.phone);
		if (existing) {
			return {
				ok: true,
				value: receipt(existing, await tx.activities.countTaken(a.id, input.date), true)
			};
		}
		const taken = await tx.activities.countTaken(a.id, input.date);
		if (taken >= a.capacity) {
			return { ok: false, error: ErrorCode.full, message: 'all places are taken' };
		}
		const id = await tx.activities.insertSignup(
			{
				activityId: a.id,
				date: input.date,
				name,
				phone: input.phone,
				channel: 'kiosk',
				kioskId: by.kioskId,
				slipCode: newCode(),
				attendedAt: null
			},
			at
		);
		const seq = await record(tx, {
			siteId: a.siteId,
			activityId: a.id,
			type: 'signed_up',
			actor: `kiosk:${by.kioskId}`,
			staffId: null,
			data: { signupId: id, date: input.date },
			at
		});
		return {
			ok: true,
			value: receipt((await tx.activities.signupById(id))!, taken + 1, false),
			broadcast: { siteId: a.siteId, activityId: a.id, seq }
		};
	});
}

/** The desk records someone who came without signing up: born present, no place taken away. */
export async function addWalkIn(
	d: ActivityDeps,
	who: StaffPrincipal,
	input: { activityId: number; date: string; name: string }
): Promise<Outcome<DeskSignup>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	return change(d, async (tx) => {
		const a = await tx.activities.activityById(input.activityId);
		if (!a) return { ok: false, error: ErrorCode.notFound, message: 'no such activity' };
		if (!hasOccurrenceOn(a.schedule, input.date)) {
			return {
				ok: false,
				error: ErrorCode.notFound,
				message: 'the activity is not on that date'
			};
		}
		const id = await tx.activities.insertSignup(
			{
				activityId: a.id,
				date: input.date,
				name: input.name.trim(),
				phone: '',
				channel: 'desk',
				kioskId: null,
				slipCode: newCode(),
				attendedAt: at
			},
			at
		);
		const seq = await record(tx, {
			siteId: a.siteId,
			activityId: a.id,
			type: 'walk_in',
			actor: `staff:${who.id}`,
			staffId: who.id,
			data: { signupId: id, date: input.date },
			audit: {
				targetType: 'activity_signup',
				targetId: id,
				before: null,
				after: { walkIn: true }
			},
			at
		});
		return {
			ok: true,
			value: toDeskSignup((await tx.activities.signupById(id))!),
			broadcast: { siteId: a.siteId, activityId: a.id, seq }
		};
	});
}

/** Cancels a sign-up nobody attended: the place goes back to the kiosk's list. */
export async function cancel(
	d: ActivityDeps,
	who: StaffPrincipal,
	signupId: number
): Promise<Outcome<DeskSignup>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	return change(d, async (tx) => {
		const found = await signupWithActivity(tx, { id: signupId });
		if (!found) return { ok: false, error: ErrorCode.notFound, message: 'no such sign-up' };
		const { signup, activity } = found;
		if ((await tx.activities.cancelSignup(signup.id, at)) === 0) {
			return {
				ok: false,
				error: ErrorCode.conflict,
				message: 'already cancelled, or the resident already came'
			};
		}
		const seq = await record(tx, {
			siteId: activity.siteId,
			activityId: activity.id,
			type: 'signup_cancelled',
			actor: `staff:${who.id}`,
			staffId: who.id,
			data: { signupId: signup.id, date: signup.occurrence },
			audit: {
				targetType: 'activity_signup',
				targetId: signup.id,
				before: { cancelled: false },
				after: { cancelled: true }
			},
			at
		});
		return {
			ok: true,
			value: toDeskSignup((await tx.activities.signupById(signup.id))!),
			broadcast: { siteId: activity.siteId, activityId: activity.id, seq }
		};
	});
}
