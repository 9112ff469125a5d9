import { chunks, type Param, type Query } from '../sqlite.ts';
import type { EventRow, EventsRepo, NewEvent } from '../../store/events.ts';
import type { SqlRepo } from '../sql-repo.ts';

const EVENT_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?)';

function eventParams(e: NewEvent): Param[] {
	return [
		e.seq,
		e.type,
		e.wishId,
		e.siteId,
		e.actor,
		JSON.stringify(e.data),
		JSON.stringify(e.wish),
		e.at
	];
}

export async function headSeq(tx: Query): Promise<number> {
	const row = await tx.get<{ seq: number | null }>('SELECT max(seq) AS seq FROM events');
	return row?.seq ?? 0;
}

export async function appendEvents(tx: Query, es: readonly NewEvent[]): Promise<void> {
	for (const part of chunks(es, 8)) {
		await tx.run(
			`INSERT INTO events (seq, type, wish_id, site_id, actor, data, wish_json, at)
			VALUES ${part.map(() => EVENT_VALUES).join(', ')}`,
			part.flatMap(eventParams)
		);
	}
}

export function siteEventsSince(
	tx: Query,
	siteId: number,
	since: number,
	limit: number
): Promise<EventRow[]> {
	return tx.all<EventRow>(
		'SELECT seq, type, wish_id, site_id, wish_json, at FROM events WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT ?',
		[siteId, since, limit]
	);
}

export const eventsRepo: SqlRepo<EventsRepo> = {
	headSeq,
	appendEvents,
	siteEventsSince
};
