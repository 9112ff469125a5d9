/** Who came: the desk marks a signed-up resident present (or undoes it), by list or by slip. */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Activity } from '../../store/activities.ts';
import { requireRole } from '../staff/roles.ts';
import {
	change,
	record,
	signupWithActivity,
	toDeskSignup,
	type ActivityDeps,
	type DeskSignup,
	type SignupRef
} from './deps.ts';

async function markAttendance(
	d: ActivityDeps,
	who: StaffPrincipal,
	find: SignupRef,
	attended: boolean
): Promise<Outcome<DeskSignup>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	return change(d, async (tx) => {
		const found = await signupWithActivity(tx, find);
		if (!found) return { ok: false, error: ErrorCode.notFound, message: 'no such sign-up' };
		const { signup, activity } = found;
		if (signup.cancelled_at !== null) {
			return { ok: false, error: ErrorCode.conflict, message: 'this sign-up was cancelled' };
		}
		// Marking someone present twice (a second scan of the slip) keeps the first time.
		if ((signup.attended_at !== null) === attended) {
			return { ok: true, value: toDeskSignup(signup) };
		}
		await tx.activities.setAttended(signup.id, attended ? at : null);
		const seq = await record(tx, {
			siteId: activity.siteId,
			activityId: activity.id,
			type: attended ? 'attended' : 'attendance_undone',
			actor: `staff:${who.id}`,
			staffId: who.id,
			data: { signupId: signup.id, date: signup.occurrence },
			audit: {
				targetType: 'activity_signup',
				targetId: signup.id,
				before: { attended: !attended },
				after: { attended }
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

/** Marks a signed-up resident present (or undoes it). */
export function setAttendance(
	d: ActivityDeps,
	who: StaffPrincipal,
	signupId: number,
	attended: boolean
): Promise<Outcome<DeskSignup>> {
	return markAttendance(d, who, { id: signupId }, attended);
}

/** What a scanned sign-up slip names, for staff to confirm before marking anyone present. */
export async function slip(
	d: ActivityDeps,
	slipCode: string
): Promise<{ signup: DeskSignup; activity: Activity } | null> {
	const found = await d.store.transaction((tx) => signupWithActivity(tx, { code: slipCode }));
	return found && { signup: toDeskSignup(found.signup), activity: found.activity };
}

/** Staff scanned the QR on a sign-up slip: mark that resident present. */
export function checkIn(
	d: ActivityDeps,
	who: StaffPrincipal,
	slipCode: string
): Promise<Outcome<DeskSignup>> {
	return markAttendance(d, who, { code: slipCode }, true);
}
