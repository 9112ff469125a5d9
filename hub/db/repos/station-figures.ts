/** Raw counts behind the station figures: per site, in a Shanghai date range. Read-only. */
import type { Query } from '../sqlite.ts';
import { type StationFiguresRepo } from '../../store/station-figures.ts';
import type { SqlRepo } from '../sql-repo.ts';

/** Wishes and reports resolved (resolved or closed now) with resolved_at in [start, end). */
export function resolvedBySite(
	tx: Query,
	start: number,
	end: number
): Promise<{ site_id: number; n: number }[]> {
	return tx.all(
		`SELECT site_id, count(*) AS n FROM wishes
		WHERE status IN ('resolved', 'closed') AND resolved_at >= ? AND resolved_at < ?
		GROUP BY site_id`,
		[start, end]
	);
}

export const stationFiguresRepo: SqlRepo<StationFiguresRepo> = {
	resolvedBySite
};
