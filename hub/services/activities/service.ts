/**
 * Activities and the monthly service day, bound to what they share (deps.ts). Every change is one
 * transaction with one station event (and an audit row for staff), broadcast to the site's kiosks
 * after COMMIT.
 */
import { bindFirst } from '../../infra/bind.ts';
import { checkIn, setAttendance, slip } from './attendance.ts';
import { activityDeps, type ActivityOptions } from './deps.ts';
import { activity, deskList, save, upcoming } from './schedule.ts';
import { addWalkIn, cancel, signup } from './signups.ts';

export function createActivityService(opts: ActivityOptions) {
	return bindFirst(activityDeps(opts), {
		upcoming,
		signup,
		save,
		deskList,
		activity,
		setAttendance,
		slip,
		checkIn,
		addWalkIn,
		cancel
	});
}

export type ActivityService = ReturnType<typeof createActivityService>;
export type { ActivityOptions, DeskSignup } from './deps.ts';
export type { DeskActivity } from './schedule.ts';
