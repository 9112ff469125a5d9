/** "我来过 · 签到" taps: anonymous rows, counted per site and Shanghai day. */
import type { Query } from '../sqlite.ts';
import { type VisitsRepo } from '../../store/visits.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertVisit(
	tx: Query,
	v: { siteId: number; kioskId: number | null; day: string; at: number }
): Promise<void> {
	await tx.run('INSERT INTO station_visits (site_id, kiosk_id, day, at) VALUES (?, ?, ?, ?)', [
		v.siteId,
		v.kioskId,
		v.day,
		v.at
	]);
}

/** When this kiosk last counted a visit (null when never). */
export async function lastVisitAt(tx: Query, kioskId: number): Promise<number | null> {
	const row = await tx.get<{ at: number | null }>(
		'SELECT max(at) AS at FROM station_visits WHERE kiosk_id = ?',
		[kioskId]
	);
	return row?.at ?? null;
}

export async function visitsOn(tx: Query, siteId: number, day: string): Promise<number> {
	const row = await tx.get<{ n: number }>(
		'SELECT count(*) AS n FROM station_visits WHERE site_id = ? AND day = ?',
		[siteId, day]
	);
	return row?.n ?? 0;
}

export function visitsByDay(
	tx: Query,
	fromDay: string,
	toDay: string,
	siteId?: number
): Promise<{ site_id: number; day: string; n: number }[]> {
	return tx.all(
		`SELECT site_id, day, count(*) AS n FROM station_visits
		WHERE day >= ? AND day <= ? ${siteId === undefined ? '' : 'AND site_id = ?'}
		GROUP BY site_id, day ORDER BY day, site_id`,
		siteId === undefined ? [fromDay, toDay] : [fromDay, toDay, siteId]
	);
}

export const visitsRepo: SqlRepo<VisitsRepo> = {
	insertVisit,
	lastVisitAt,
	visitsOn,
	visitsByDay
};
