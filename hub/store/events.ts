import type { PublicWish } from '../../shared/schemas/wishes.ts';

/** An event of the hub-wide log, numbered by the service that appends it. */
export interface NewEvent {
	seq: number;
	type: string;
	wishId: string;
	siteId: number;
	actor: string;
	data: Record<string, unknown>;
	/** The public projection after the change. */
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

export function eventWish(row: EventRow): PublicWish {
	return { ...(JSON.parse(row.wish_json) as Omit<PublicWish, 'seq'>), seq: row.seq };
}

export interface EventsRepo {
	/** The log's last seq (0 when empty). Read inside the write transaction, it is the next one's base. */
	headSeq(): Promise<number>;
	/** Appends events, each with its own seq; the log refuses a seq it already holds. */
	appendEvents(es: readonly NewEvent[]): Promise<void>;
	siteEventsSince(siteId: number, since: number, limit: number): Promise<EventRow[]>;
}
