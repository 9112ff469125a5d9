import { fromNeed } from './stations.ts';
import type { Schedule } from '../../shared/domain/recurrence.ts';

export interface ActivityRow {
	id: number;
	site_id: number;
	title: string;
	description: string;
	place: string;
	services: string;
	schedule: string;
	capacity: number | null;
	active: 0 | 1;
	updated_at: number;
	from_need_id: number | null;
	from_need_title: string | null;
}

export interface Activity {
	id: number;
	siteId: number;
	title: string;
	description: string;
	place: string;
	services: string[];
	schedule: Schedule;
	capacity: number | null;
	active: boolean;
	updatedAt: number;
	fromNeed: { id: number; title: string } | null;
}

export function toActivity(row: ActivityRow): Activity {
	return {
		id: row.id,
		siteId: row.site_id,
		title: row.title,
		description: row.description,
		place: row.place,
		services: JSON.parse(row.services) as string[],
		schedule: JSON.parse(row.schedule) as Schedule,
		capacity: row.capacity,
		active: row.active === 1,
		updatedAt: row.updated_at,
		fromNeed: fromNeed(row)
	};
}

export type ActivityFields = Omit<Activity, 'id' | 'siteId' | 'updatedAt' | 'fromNeed'>;

// Sign-ups -------------------------------------------------------------------------------------

export interface SignupRow {
	id: number;
	activity_id: number;
	occurrence: string;
	name: string;
	phone: string;
	channel: 'kiosk' | 'desk';
	slip_code: string;
	created_at: number;
	attended_at: number | null;
	cancelled_at: number | null;
}

export interface ActivitiesRepo {
	insertActivity(siteId: number, a: ActivityFields, now: number): Promise<number>;
	updateActivity(id: number, a: ActivityFields, now: number): Promise<void>;
	activityById(id: number): Promise<Activity | undefined>;
	siteActivities(siteId: number | null, opts?: { withInactive?: boolean }): Promise<Activity[]>;
	/** Live (not cancelled) sign-ups per date of one activity, for the dates asked. */
	takenByDate(activityId: number, dates: readonly string[]): Promise<Map<string, number>>;
	countTaken(activityId: number, date: string): Promise<number>;
	liveSignupByPhone(
		activityId: number,
		date: string,
		phone: string
	): Promise<SignupRow | undefined>;
	insertSignup(
		s: {
			activityId: number;
			date: string;
			name: string;
			phone: string;
			channel: 'kiosk' | 'desk';
			kioskId: number | null;
			slipCode: string;
			attendedAt: number | null;
		},
		now: number
	): Promise<number>;
	signupById(id: number): Promise<SignupRow | undefined>;
	signupByCode(code: string): Promise<SignupRow | undefined>;
	/** Sign-ups of one activity from a date on (the desk's list), cancelled ones included. */
	signupsFrom(activityId: number, fromDate: string): Promise<SignupRow[]>;
	setAttended(id: number, attendedAt: number | null): Promise<number>;
	cancelSignup(id: number, now: number): Promise<number>;
	/**
	 * Attendance per activity date in [fromDate, toDate], for the figures: an occurrence with anyone
	 * marked present was held.
	 */
	attendanceByOccurrence(
		fromDate: string,
		toDate: string,
		siteId?: number
	): Promise<{ site_id: number; activity_id: number; occurrence: string; attended: number }[]>;
}
