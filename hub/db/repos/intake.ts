/**
 * New wishes and their submitted events in one autocommit statement. A wish then costs the
 * database thread one round trip instead of four (BEGIN, two INSERTs, COMMIT): on a busy
 * two-core box every round trip waits its turn on the main thread, and those waits were the
 * live fan-out's tail.
 *
 * The statement inserts into a TEMP view whose INSTEAD OF trigger writes, per row: the wish
 * (skipped when any UNIQUE column clashes: a replay or a code conflict), then its event only if
 * the wish was written (`changes()` within a trigger is the previous trigger statement's count),
 * then the event's seq into a TEMP table that RETURNING reads back. Any other failure (CHECK,
 * foreign key) aborts the whole statement, so nothing of the batch is written.
 *
 * The rows travel as one JSON array taken apart by json_each, not as 22 bound values per wish:
 * node-sqlite3 converts every bound value on the main thread (a global lookup for each number),
 * between one commit and the next. One statement text also serves every batch size.
 */
import type { SiteCounters } from '../../../shared/schemas/wishes.ts';
import { chunks, type Param, type Query } from '../sqlite.ts';
import type { NewEvent } from './events.ts';
import { newWishParams, type NewWish } from './wishes.ts';

const COLUMNS = [
	'batch',
	'idx',
	'id',
	'site_id',
	'kiosk_id',
	'channel',
	'kind',
	'category',
	'text',
	'voice_ms',
	'voice_mime',
	'contact_name',
	'contact_phone',
	'ticket_no',
	'claim_code',
	'track_code',
	'created_at',
	'received_at',
	'type',
	'actor',
	'data',
	'wish_json'
] as const;

/** Temp objects live as long as the connection; IF NOT EXISTS makes setup safe to repeat. */
const SETUP = `
CREATE TEMP VIEW IF NOT EXISTS wish_intake AS SELECT ${COLUMNS.map((c) => `NULL AS ${c}`).join(', ')};
CREATE TEMP TABLE IF NOT EXISTS wish_intake_written (
  batch INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (batch, idx)
);
CREATE TEMP TRIGGER IF NOT EXISTS wish_intake_insert INSTEAD OF INSERT ON wish_intake BEGIN
  DELETE FROM wish_intake_written WHERE batch <> NEW.batch;
  INSERT INTO wishes (id, site_id, kiosk_id, channel, kind, category, text, voice_ms, voice_mime,
    contact_name, contact_phone, ticket_no, claim_code, track_code, status, created_at,
    received_at, updated_at)
  VALUES (NEW.id, NEW.site_id, NEW.kiosk_id, NEW.channel, NEW.kind, NEW.category, NEW.text,
    NEW.voice_ms, NEW.voice_mime, NEW.contact_name, NEW.contact_phone, NEW.ticket_no,
    NEW.claim_code, NEW.track_code, 'open', NEW.created_at, NEW.received_at, NEW.received_at)
  ON CONFLICT DO NOTHING;
  INSERT INTO events (type, wish_id, site_id, actor, data, wish_json, at)
  SELECT NEW.type, NEW.id, NEW.site_id, NEW.actor, NEW.data, NEW.wish_json, NEW.received_at
  WHERE changes() = 1;
  INSERT INTO wish_intake_written (batch, idx, seq)
  SELECT NEW.batch, NEW.idx, last_insert_rowid() WHERE changes() = 1;
END;`;

const prepared = new WeakSet<Query>();
/** Tells one statement's rows from the previous statement's in wish_intake_written. */
let batchNo = 0;

export interface IntakeRow {
	wish: NewWish;
	/** The wish's submitted event; its wishId, siteId and at are the wish's. */
	event: NewEvent;
}

export interface IntakeResult {
	/** Per row, in order: the new event's seq, or null when the wish was not written. */
	seqs: (number | null)[];
	/** Counters of `year` of every site in the batch, as they stand after the statement. */
	counters: Map<number, SiteCounters>;
}

/** Whether rows fit one statement: at most as many as any multi-row statement takes (chunks). */
export function fitsOneStatement(rows: number): boolean {
	return chunks(Array.from({ length: rows }), 1).length <= 1;
}

/** The fields of COLUMNS after batch and idx; json_each gives idx as the row's key. */
const FIELDS = COLUMNS.slice(2);

const INSERT = `INSERT INTO wish_intake (${COLUMNS.join(', ')})
	SELECT ?1, j.key, ${FIELDS.map((_, i) => `j.value ->> ${i}`).join(', ')}
	FROM json_each(?2) AS j
	RETURNING idx, site_id,
		(SELECT seq FROM wish_intake_written w
			WHERE w.batch = wish_intake.batch AND w.idx = wish_intake.idx) AS seq,
		(SELECT json_array(wishes, claimed, fulfilled) FROM site_counters s
			WHERE s.site_id = wish_intake.site_id AND s.year = ?3) AS c`;

/**
 * One row's FIELDS. JSON carries a lone surrogate as an escape that SQLite would store as bytes
 * that are not UTF-8; a bound string reaches SQLite with U+FFFD in its place, so this does too.
 */
function rowFields({ wish, event: e }: IntakeRow): Param[] {
	return [
		...newWishParams(wish),
		e.type,
		e.actor,
		JSON.stringify(e.data),
		JSON.stringify(e.wish)
	].map((v) => (typeof v === 'string' ? v.toWellFormed() : v));
}

/**
 * Writes rows (fitsOneStatement must hold) as one autocommit statement on a connection with no
 * open transaction: when it returns, what it wrote is durable. Throws, writing nothing, when a
 * row breaks a constraint other than UNIQUE.
 */
export async function insertIntake(
	q: Query,
	rows: readonly IntakeRow[],
	year: number
): Promise<IntakeResult> {
	if (!fitsOneStatement(rows.length)) throw new Error('intake batch too large for one statement');
	if (!prepared.has(q)) {
		await q.exec(SETUP);
		prepared.add(q);
	}
	const out = await q.all<{ idx: number; seq: number | null; site_id: number; c: string | null }>(
		INSERT,
		[++batchNo, JSON.stringify(rows.map(rowFields)), year]
	);
	const seqs = rows.map((): number | null => null);
	const counters = new Map<number, SiteCounters>();
	for (const r of out) {
		seqs[r.idx] = r.seq;
		const [wishes, claimed, fulfilled] = r.c ? (JSON.parse(r.c) as number[]) : [0, 0, 0];
		// Each row reads the counters as they stand after it, and inserts only add wishes: the
		// highest count is the site's after the whole statement, whatever order RETURNING keeps.
		if ((counters.get(r.site_id)?.wishes ?? -1) < wishes!) {
			counters.set(r.site_id, { year, wishes: wishes!, claimed: claimed!, fulfilled: fulfilled! });
		}
	}
	return { seqs, counters };
}
