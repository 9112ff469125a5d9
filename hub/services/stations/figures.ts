/** The township's station measures: visits, activities held, attendances, people served. */
import {
	activitiesHeld,
	peopleServedAtSites,
	shanghaiRange
} from '../../../shared/domain/figures.ts';
import type { StationDeps } from './deps.ts';

/** The township's station measures for a site (or all sites) over a range of Shanghai days. */
export interface StationFigures {
	visits: number;
	/** 举办活动场次: activity dates with anyone marked present. */
	activitiesHeld: number;
	attendances: number;
	resolvedWishes: number;
	/** visits + attendances + resolved wishes (shared/domain/figures.ts). */
	peopleServed: number;
}

/**
 * Station figures for the Shanghai days from..to (inclusive), per site and in total, for the
 * desk's station page and its figures page. Dates are "YYYY-MM-DD" (checked by the caller).
 */
export async function figures(
	d: StationDeps,
	from: string,
	to: string
): Promise<{ total: StationFigures; bySite: Map<number, StationFigures> }> {
	const { start, end } = shanghaiRange(from, to);
	const [visits, attendance, resolved] = await Promise.all([
		d.store.visits.visitsByDay(from, to),
		d.store.activities.attendanceByOccurrence(from, to),
		d.store.stationFigures.resolvedBySite(start, end)
	]);
	const siteIds = new Set([
		...visits.map((r) => r.site_id),
		...attendance.map((r) => r.site_id),
		...resolved.map((r) => r.site_id)
	]);
	const of = (siteId: number | null): StationFigures => {
		const mine = <T extends { site_id: number }>(rows: T[]) =>
			siteId === null ? rows : rows.filter((r) => r.site_id === siteId);
		const parts = {
			visits: mine(visits).reduce((n, r) => n + r.n, 0),
			attendances: mine(attendance).reduce((n, r) => n + r.attended, 0),
			resolvedWishes: mine(resolved).reduce((n, r) => n + r.n, 0)
		};
		const held = activitiesHeld(
			mine(attendance).map((r) => ({
				activityId: r.activity_id,
				date: r.occurrence,
				attended: r.attended
			}))
		);
		return { ...parts, activitiesHeld: held, peopleServed: peopleServedAtSites(parts) };
	};
	return { total: of(null), bySite: new Map([...siteIds].map((id) => [id, of(id)])) };
}
