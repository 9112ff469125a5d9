export interface StationFiguresRepo {
	/** Wishes and reports resolved (resolved or closed now) with resolved_at in [start, end). */
	resolvedBySite(start: number, end: number): Promise<{ site_id: number; n: number }[]>;
}
