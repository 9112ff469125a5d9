import type { PublicWish } from '../../../shared/schemas.ts';
import { chunks, type Param, type Query } from '../sqlite.ts';

export interface NewEvent {
	type: string;
	wishId: string;
	siteId: number;
	actor: string;
	data: Record<string, unknown>;
	/** The public projection after the change, without its seq (not known until the insert). */
	wish: Omit<PublicWish, 'seq'>;
	at: number;
}

export interface EventRow {
	seq: number;
	type: string;
	wish_id: string;
	site_id: number;
	wish_json: string;
	at: number;
}

const EVENT_INSERT =
	'INSERT INTO events (type, wish_id, site_id, actor, data, wish_json, at) VALUES';
const EVENT_VALUES = '(?, ?, ?, ?, ?, ?, ?)';

function eventParams(e: NewEvent): Param[] {
	return [
		e.type,
		e.wishId,
		e.siteId,
		e.actor,
		JSON.stringify(e.data),
		JSON.stringify(e.wish),
		e.at
	];
}

export async function appendEvent(tx: Query, e: NewEvent): Promise<number> {
	const r = await tx.run(`${EVENT_INSERT} ${EVENT_VALUES}`, eventParams(e));
	return r.lastID;
}

/**
 * Appends one event for each of several different wishes in one statement; returns each wish's
 * new seq. Rows of a multi-row VALUES are inserted in order, so seqs follow the list's order.
 */
export async function appendEvents(
	tx: Query,
	es: readonly NewEvent[]
): Promise<Map<string, number>> {
	const seqs = new Map<string, number>();
	for (const part of chunks(es, 7)) {
		const rows = await tx.all<{ seq: number; wish_id: string }>(
			`${EVENT_INSERT} ${part.map(() => EVENT_VALUES).join(', ')} RETURNING seq, wish_id`,
			part.flatMap(eventParams)
		);
		for (const r of rows) seqs.set(r.wish_id, r.seq);
	}
	return seqs;
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

export async function headSeq(tx: Query): Promise<number> {
	const row = await tx.get<{ seq: number | null }>('SELECT max(seq) AS seq FROM events');
	return row?.seq ?? 0;
}

export function eventWish(row: EventRow): PublicWish {
	return { ...(JSON.parse(row.wish_json) as Omit<PublicWish, 'seq'>), seq: row.seq };
}
