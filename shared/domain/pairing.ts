/**
 * 结对帮扶 (DESIGN.md §12), pure: household tags, what a visit did, and the visit cadence on the
 * Asia/Shanghai calendar. No I/O; the hub and the desk both decide "due" and "overdue" here.
 */
import { SHANGHAI_OFFSET_MS } from './time.ts';

export const HOUSEHOLD_TAGS = [
	'脱贫户',
	'低保户',
	'特困',
	'独居老人',
	'留守儿童',
	'残疾',
	'其他'
] as const;
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

export const VISIT_KINDS = [
	'生产指导',
	'生活照料',
	'政策宣传',
	'就医陪同',
	'销售对接',
	'其他'
] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/**
 * How often a paired member visits: null = at least once every calendar month (the default);
 * a number = at least once every that many days.
 */
export type Cadence = number | null;

/** The Shanghai calendar month of an instant, as a number that counts months (year × 12 + month). */
export function monthIndex(at: number): number {
	const d = new Date(at + SHANGHAI_OFFSET_MS);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The instant the Shanghai calendar month with this index begins. */
export function monthStart(index: number): number {
	return Date.UTC(Math.floor(index / 12), index % 12, 1) - SHANGHAI_OFFSET_MS;
}

export interface CadenceSubject {
	/** When the pairing began. */
	pairedAt: number;
	/** The last visit of this pairing, or null. */
	lastVisitAt: number | null;
	cadence: Cadence;
}

export interface VisitState {
	/** Whether a visit is still wanted in the current period (this month, or by dueAt). */
	due: boolean;
	/** Whether a whole period has passed without a visit: on the desk's overdue list. */
	overdue: boolean;
	/** When the current period's visit is due at the latest. */
	dueAt: number;
}

/**
 * Monthly cadence: a visit is due in each calendar month the pairing is live; the household is
 * overdue once a whole calendar month of the pairing went by without one and none came since.
 * Every-N-days cadence: due by the last visit (or the pairing) + N days; overdue after that.
 */
export function visitState(s: CadenceSubject, now: number): VisitState {
	if (s.cadence !== null) {
		const dueAt = (s.lastVisitAt ?? s.pairedAt) + s.cadence * 86400_000;
		return { due: true, overdue: now > dueAt, dueAt };
	}
	const thisMonth = monthIndex(now);
	const dueAt = monthStart(thisMonth + 1) - 1;
	const visitedThisMonth = s.lastVisitAt !== null && monthIndex(s.lastVisitAt) === thisMonth;
	if (visitedThisMonth) return { due: false, overdue: false, dueAt };
	// The last month that was wholly inside the pairing and had no visit makes it overdue.
	const lastMonth = thisMonth - 1;
	const pairedBeforeLastMonth = s.pairedAt <= monthStart(lastMonth);
	const visitedLastMonth = s.lastVisitAt !== null && monthIndex(s.lastVisitAt) >= lastMonth;
	return { due: true, overdue: pairedBeforeLastMonth && !visitedLastMonth, dueAt };
}

/** Whether an instant falls in the same Shanghai calendar month as `now`. */
export function inThisMonth(at: number | null, now: number): boolean {
	return at !== null && monthIndex(at) === monthIndex(now);
}
