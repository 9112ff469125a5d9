import type { PublicWish } from '../../../shared/schemas.ts';
import type { Query } from '../sqlite.ts';

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

export async function appendEvent(tx: Query, e: NewEvent): Promise<number> {
	const r = await tx.run(
		'INSERT INTO events (type, wish_id, site_id, actor, data, wish_json, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
		[e.type, e.wishId, e.siteId, e.actor, JSON.stringify(e.data), JSON.stringify(e.wish), e.at]
	);
	return r.lastID;
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
