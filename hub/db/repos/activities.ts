/** Activities, their sign-ups and attendance. Plain SQL; schedules are stored as JSON. */

import type { Query } from '../sqlite.ts';
import {
	type ActivityRow,
	type Activity,
	toActivity,
	type ActivityFields,
	type SignupRow,
	type ActivitiesRepo
} from '../../store/activities.ts';
import type { SqlRepo } from '../sql-repo.ts';

// The need an activity answers: the first live need linked to it (needs.activity_id).
const COLUMNS = `id, site_id, title, description, place, services, schedule, capacity, active,
	updated_at,
	(SELECT n.id FROM needs n WHERE n.activity_id = activities.id AND n.state <> 'merged'
		ORDER BY n.id LIMIT 1) AS from_need_id,
	(SELECT n.title FROM needs n WHERE n.activity_id = activities.id AND n.state <> 'merged'
		ORDER BY n.id LIMIT 1) AS from_need_title`;

export async function insertActivity(
	tx: Query,
	siteId: number,
	a: ActivityFields,
	now: number
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO activities (site_id, title, description, place, services, schedule, capacity, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
		[
			siteId,
			a.title,
			a.description,
			a.place,
			JSON.stringify(a.services),
			JSON.stringify(a.schedule),
			a.capacity,
			a.active ? 1 : 0,
			now,
			now
		]
	);
	return r.lastID;
}

export async function updateActivity(
	tx: Query,
	id: number,
	a: ActivityFields,
	now: number
): Promise<void> {
	await tx.run(
		'UPDATE activities SET title = ?, description = ?, place = ?, services = ?, schedule = ?, capacity = ?, active = ?, updated_at = ? WHERE id = ?',
		[
			a.title,
			a.description,
			a.place,
			JSON.stringify(a.services),
			JSON.stringify(a.schedule),
			a.capacity,
			a.active ? 1 : 0,
			now,
			id
		]
	);
}

export async function activityById(tx: Query, id: number): Promise<Activity | undefined> {
	const row = await tx.get<ActivityRow>(`SELECT ${COLUMNS} FROM activities WHERE id = ?`, [id]);
	return row && toActivity(row);
}

export async function siteActivities(
	tx: Query,
	siteId: number | null,
	opts: { withInactive?: boolean } = {}
): Promise<Activity[]> {
	const where: string[] = [];
	const params: number[] = [];
	if (siteId !== null) {
		where.push('site_id = ?');
		params.push(siteId);
	}
	if (!opts.withInactive) where.push('active = 1');
	const rows = await tx.all<ActivityRow>(
		`SELECT ${COLUMNS} FROM activities ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY site_id, id`,
		params
	);
	return rows.map(toActivity);
}

const SIGNUP_COLUMNS =
	'id, activity_id, occurrence, name, phone, channel, slip_code, created_at, attended_at, cancelled_at';

/** Live (not cancelled) sign-ups per date of one activity, for the dates asked. */
export async function takenByDate(
	tx: Query,
	activityId: number,
	dates: readonly string[]
): Promise<Map<string, number>> {
	const out = new Map<string, number>();
	if (dates.length === 0) return out;
	const rows = await tx.all<{ occurrence: string; n: number }>(
		`SELECT occurrence, count(*) AS n FROM activity_signups
		WHERE activity_id = ? AND cancelled_at IS NULL AND occurrence IN (${dates.map(() => '?').join(', ')})
		GROUP BY occurrence`,
		[activityId, ...dates]
	);
	for (const r of rows) out.set(r.occurrence, r.n);
	return out;
}

export async function countTaken(tx: Query, activityId: number, date: string): Promise<number> {
	return (await takenByDate(tx, activityId, [date])).get(date) ?? 0;
}

export function liveSignupByPhone(
	tx: Query,
	activityId: number,
	date: string,
	phone: string
): Promise<SignupRow | undefined> {
	return tx.get<SignupRow>(
		`SELECT ${SIGNUP_COLUMNS} FROM activity_signups
		WHERE activity_id = ? AND occurrence = ? AND phone = ? AND cancelled_at IS NULL`,
		[activityId, date, phone]
	);
}

export async function insertSignup(
	tx: Query,
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
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO activity_signups (activity_id, occurrence, name, phone, channel, kiosk_id, slip_code, created_at, attended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
		[s.activityId, s.date, s.name, s.phone, s.channel, s.kioskId, s.slipCode, now, s.attendedAt]
	);
	return r.lastID;
}

export function signupById(tx: Query, id: number): Promise<SignupRow | undefined> {
	return tx.get<SignupRow>(`SELECT ${SIGNUP_COLUMNS} FROM activity_signups WHERE id = ?`, [id]);
}

export function signupByCode(tx: Query, code: string): Promise<SignupRow | undefined> {
	return tx.get<SignupRow>(`SELECT ${SIGNUP_COLUMNS} FROM activity_signups WHERE slip_code = ?`, [
		code
	]);
}

export function signupsFrom(tx: Query, activityId: number, fromDate: string): Promise<SignupRow[]> {
	return tx.all<SignupRow>(
		`SELECT ${SIGNUP_COLUMNS} FROM activity_signups WHERE activity_id = ? AND occurrence >= ?
		ORDER BY occurrence, id`,
		[activityId, fromDate]
	);
}

export async function setAttended(
	tx: Query,
	id: number,
	attendedAt: number | null
): Promise<number> {
	const r = await tx.run(
		'UPDATE activity_signups SET attended_at = ? WHERE id = ? AND cancelled_at IS NULL',
		[attendedAt, id]
	);
	return r.changes;
}

export async function cancelSignup(tx: Query, id: number, now: number): Promise<number> {
	const r = await tx.run(
		'UPDATE activity_signups SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL AND attended_at IS NULL',
		[now, id]
	);
	return r.changes;
}

export function attendanceByOccurrence(
	tx: Query,
	fromDate: string,
	toDate: string,
	siteId?: number
): Promise<{ site_id: number; activity_id: number; occurrence: string; attended: number }[]> {
	return tx.all(
		`SELECT a.site_id, s.activity_id, s.occurrence, count(*) AS attended
		FROM activity_signups s JOIN activities a ON a.id = s.activity_id
		WHERE s.attended_at IS NOT NULL AND s.cancelled_at IS NULL
			AND s.occurrence >= ? AND s.occurrence <= ? ${siteId === undefined ? '' : 'AND a.site_id = ?'}
		GROUP BY a.site_id, s.activity_id, s.occurrence ORDER BY s.occurrence`,
		siteId === undefined ? [fromDate, toDate] : [fromDate, toDate, siteId]
	);
}

export const activitiesRepo: SqlRepo<ActivitiesRepo> = {
	insertActivity,
	updateActivity,
	activityById,
	siteActivities,
	takenByDate,
	countTaken,
	liveSignupByPhone,
	insertSignup,
	signupById,
	signupByCode,
	signupsFrom,
	setAttended,
	cancelSignup,
	attendanceByOccurrence
};
