import type { SiteCounters } from '../../../shared/schemas/wishes.ts';
import type { CounterChange, CountersRepo } from '../../store/counters.ts';
import type { SqlRepo } from '../sql-repo.ts';
import { chunks, type Query } from '../sqlite.ts';

type CounterRow = {
	site_id: number;
	year: number;
	wishes: number;
	claimed: number;
	fulfilled: number;
};

const toCounters = (r: CounterRow): SiteCounters => ({
	year: r.year,
	wishes: r.wishes,
	claimed: r.claimed,
	fulfilled: r.fulfilled
});

export async function addCounters(
	tx: Query,
	changes: readonly CounterChange[],
	year: number
): Promise<Map<number, SiteCounters>> {
	// One row per site and year: an upsert may not touch the same row twice in one statement.
	const summed = new Map<string, CounterChange>();
	for (const c of changes) {
		const key = `${c.siteId}:${c.year}`;
		const s = summed.get(key);
		if (s) {
			s.wishes += c.wishes;
			s.claimed += c.claimed;
			s.fulfilled += c.fulfilled;
		} else summed.set(key, { ...c });
	}
	const out = new Map<number, SiteCounters>();
	for (const part of chunks([...summed.values()], 5)) {
		const rows = await tx.all<CounterRow>(
			`INSERT INTO site_counters (site_id, year, wishes, claimed, fulfilled)
			VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}
			ON CONFLICT (site_id, year) DO UPDATE SET
				wishes = wishes + excluded.wishes,
				claimed = claimed + excluded.claimed,
				fulfilled = fulfilled + excluded.fulfilled
			RETURNING site_id, year, wishes, claimed, fulfilled`,
			part.flatMap((c) => [c.siteId, c.year, c.wishes, c.claimed, c.fulfilled])
		);
		for (const r of rows) if (r.year === year) out.set(r.site_id, toCounters(r));
	}
	return out;
}

export async function siteCountersMany(
	tx: Query,
	siteIds: readonly number[],
	year: number
): Promise<Map<number, SiteCounters>> {
	const out = new Map<number, SiteCounters>(
		siteIds.map((id) => [id, { year, wishes: 0, claimed: 0, fulfilled: 0 }])
	);
	for (const part of chunks(siteIds, 1)) {
		const rows = await tx.all<CounterRow>(
			`SELECT site_id, year, wishes, claimed, fulfilled FROM site_counters
			WHERE year = ? AND site_id IN (${part.map(() => '?').join(', ')})`,
			[year, ...part]
		);
		for (const r of rows) out.set(r.site_id, toCounters(r));
	}
	return out;
}

export async function siteCounters(tx: Query, siteId: number, year: number): Promise<SiteCounters> {
	return (await siteCountersMany(tx, [siteId], year)).get(siteId)!;
}

export const countersRepo: SqlRepo<CountersRepo> = {
	addCounters,
	siteCounters,
	siteCountersMany
};
