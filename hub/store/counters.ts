import type { SiteCounters } from '../../shared/schemas/wishes.ts';

/** What a change adds to one site's wall counters of one year (negative when it takes away). */
export interface CounterChange {
	siteId: number;
	year: number;
	wishes: number;
	claimed: number;
	fulfilled: number;
}

export interface CountersRepo {
	/**
	 * Adds each change to its site's counters of its year; gives back the counters of `year` of
	 * every site a change touched in that year, as they stand after all of them.
	 */
	addCounters(changes: readonly CounterChange[], year: number): Promise<Map<number, SiteCounters>>;
	/** A site's counters of a year; zeros when nothing is counted. */
	siteCounters(siteId: number, year: number): Promise<SiteCounters>;
	/** siteCounters for several sites; a site with nothing counted gets zeros. */
	siteCountersMany(siteIds: readonly number[], year: number): Promise<Map<number, SiteCounters>>;
}
