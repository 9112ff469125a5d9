import type { PublicWish, SiteCounters } from '../../../shared/schemas/wishes.ts';
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

export interface AppendedEvents {
	/** Each wish's new seq. */
	seqs: Map<string, number>;
	/** The counters of `year` of every site written to, as they stand once the events are in. */
	counters: Map<number, SiteCounters>;
}

/**
 * Appends one event for each of several different wishes in one statement; rows of a multi-row
 * VALUES are inserted in order, so seqs follow the list's order. The same statement reads back
 * the sites' counters (kept by triggers on wishes, so final once the wishes are written): the
 * commit needs no separate read before it can broadcast.
 */
export async function appendEvents(
	tx: Query,
	es: readonly NewEvent[],
	year: number
): Promise<AppendedEvents> {
	const seqs = new Map<string, number>();
	const counters = new Map<number, SiteCounters>();
	for (const part of chunks(es, 7)) {
		const rows = await tx.all<{ seq: number; wish_id: string; site_id: number; c: string | null }>(
			`${EVENT_INSERT} ${part.map(() => EVENT_VALUES).join(', ')}
			RETURNING seq, wish_id, site_id, (SELECT json_array(wishes, claimed, fulfilled)
				FROM site_counters s WHERE s.site_id = events.site_id AND s.year = ?) AS c`,
			[...part.flatMap(eventParams), year]
		);
		for (const r of rows) {
			seqs.set(r.wish_id, r.seq);
			const [wishes, claimed, fulfilled] = r.c ? (JSON.parse(r.c) as number[]) : [0, 0, 0];
			counters.set(r.site_id, { year, wishes: wishes!, claimed: claimed!, fulfilled: fulfilled! });
		}
	}
	return { seqs, counters };
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
