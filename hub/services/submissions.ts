/**
 * Writing submitted wishes: a whole group-commit batch in one autocommit statement when it can
 * (writeSubmissionsAutocommit), else in a transaction with two multi-row statements (the wishes,
 * then their submitted events, whose insert also sets each wish's seq). The public wish is built
 * from the submission instead of read back. A replayed id costs one row of the INSERT and one of
 * the read that answers it.
 */
import { ErrorCode } from '../../shared/errors.ts';
import { maskName } from '../../shared/domain/privacy.ts';
import { EVENT_TYPES } from '../../shared/domain/wish.ts';
import type {
	PublicWish,
	SiteCounters,
	WallEvent,
	WishSubmit
} from '../../shared/schemas/wishes.ts';
import { appendEvent, appendEvents, type NewEvent } from '../db/repos/events.ts';
import { fitsOneStatement, insertIntake } from '../db/repos/intake.ts';
import {
	insertWishesIfAbsent,
	insertWishIfAbsent,
	toPublicWish,
	wishById,
	wishesByIds,
	type NewWish,
	type WishRow
} from '../db/repos/wishes.ts';
import type { Query, Tx } from '../db/sqlite.ts';
import { eachInSavepoint } from '../infra/group-commit.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { Submitter } from './wishes.ts';

export interface Committed {
	siteId: number;
	event: Omit<WallEvent, 'counters'>;
	/** The site's counters once the whole batch is written, when the write already read them. */
	counters?: SiteCounters;
}

export type SubmitOutcome = Outcome<PublicWish> & { committed?: Committed };

export interface Submission {
	by: Submitter;
	wish: WishSubmit;
}

/** Site slugs by id (the public wish names its site by slug). */
export type SlugsOf = (q: Query, siteIds: readonly number[]) => Promise<Map<number, string>>;

function newWishRow({ by, wish }: Submission, receivedAt: number): NewWish {
	return {
		id: wish.id,
		siteId: by.siteId,
		kioskId: by.kioskId,
		channel: by.channel,
		kind: wish.kind,
		category: wish.category,
		text: wish.text,
		voiceMs: wish.voice?.durationMs ?? null,
		voiceMime: wish.voice?.mime ?? null,
		contactName: wish.contactName.trim(),
		contactPhone: wish.contactPhone,
		ticketNo: wish.ticketNo,
		claimCode: wish.claimCode,
		trackCode: wish.trackCode,
		createdAt: wish.createdAt,
		receivedAt
	};
}

/** What toPublicWish gives for the row newWishRow just inserted (open, nobody holding it). */
function storedWish(row: NewWish, siteSlug: string): Omit<PublicWish, 'seq'> {
	return {
		id: row.id,
		siteSlug,
		kind: row.kind,
		category: row.category,
		text: row.text,
		voiceMs: row.voiceMs,
		maskedName: maskName(row.contactName),
		status: 'open',
		helperName: null,
		ticketNo: row.ticketNo,
		claimCode: row.claimCode,
		createdAt: row.createdAt,
		updatedAt: row.receivedAt
	};
}

function submittedEvent({ by }: Submission, row: NewWish, siteSlug: string): NewEvent {
	return {
		type: EVENT_TYPES.submit,
		wishId: row.id,
		siteId: row.siteId,
		actor: by.actor,
		data: { channel: by.channel, ...by.data },
		wish: storedWish(row, siteSlug),
		at: row.receivedAt
	};
}

function committedOutcome(e: NewEvent, seq: number): SubmitOutcome {
	const wish = { ...e.wish, seq };
	return {
		ok: true,
		value: wish,
		committed: { siteId: e.siteId, event: { seq, type: e.type, at: e.at, wish } }
	};
}

/** The answer for a submission whose row was not written: a replay, or a clash with another wish. */
function unwrittenOutcome(stored: WishRow | undefined, by: Submitter): SubmitOutcome {
	if (!stored) {
		return {
			ok: false,
			error: ErrorCode.conflict,
			message: 'ticket or code already used by another wish'
		};
	}
	if (stored.site_id !== by.siteId || stored.kiosk_id !== by.kioskId) {
		return { ok: false, error: ErrorCode.conflict, message: 'wish id belongs to another kiosk' };
	}
	// A replay from the kiosk that made it: harmless, answer with what is stored.
	return { ok: true, value: { ...toPublicWish(stored), seq: stored.seq } };
}

/** Writes one new wish and its submitted event; a replay of a stored id writes nothing. */
export async function submitOne(
	tx: Tx,
	s: Submission,
	receivedAt: number,
	slugsOf: SlugsOf
): Promise<SubmitOutcome> {
	const row = newWishRow(s, receivedAt);
	if (!(await insertWishIfAbsent(tx, row))) {
		return unwrittenOutcome(await wishById(tx, row.id), s.by);
	}
	const slug = (await slugsOf(tx, [row.siteId])).get(row.siteId)!;
	const event = submittedEvent(s, row, slug);
	// The event's insert sets the wish's seq (trigger of migration 0010).
	const seq = await appendEvent(tx, event);
	const outcome = committedOutcome(event, seq);
	await s.by.after?.(tx, outcome.committed!.event.wish);
	return outcome;
}

function isConstraintError(err: unknown): boolean {
	return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT';
}

/**
 * Writes a batch; one outcome per submission, in order. UNIQUE clashes are skipped by the INSERT
 * and answered from the stored rows; any other constraint an item breaks (CHECK, foreign key)
 * undoes the whole multi-row INSERT, and the batch is written again one item per SAVEPOINT so
 * that only that item fails. Submissions with their own in-transaction step always go one by one.
 */
export async function writeSubmissions(
	tx: Tx,
	batch: readonly Submission[],
	receivedAt: number,
	deps: {
		slugsOf: SlugsOf;
		onError: (s: Submission, err: unknown) => SubmitOutcome;
		/** The year whose counters the wall shows. */
		year: number;
	}
): Promise<SubmitOutcome[]> {
	const one = (t: Tx, s: Submission) => submitOne(t, s, receivedAt, deps.slugsOf);
	const out = batch.map((): SubmitOutcome | undefined => undefined);
	const plain = batch.flatMap((s, i) => (s.by.after ? [] : [i]));
	const rows = plain.map((i) => newWishRow(batch[i]!, receivedAt));

	let counters: Map<number, SiteCounters> | null = null;
	const written = await insertWishesIfAbsent(tx, rows).catch((err: unknown) => {
		if (isConstraintError(err)) return null;
		throw err;
	});
	if (written) {
		// Two submissions of one id in one batch: the first wrote it, the second is its replay.
		const fresh = rows.flatMap((row, k) =>
			written.delete(row.id) ? [{ index: plain[k]!, row }] : []
		);
		const slugs = await deps.slugsOf(
			tx,
			fresh.map((f) => f.row.siteId)
		);
		const events = fresh.map((f) =>
			submittedEvent(batch[f.index]!, f.row, slugs.get(f.row.siteId)!)
		);
		if (events.length > 0) {
			const appended = await appendEvents(tx, events, deps.year);
			fresh.forEach((f, k) => {
				out[f.index] = committedOutcome(events[k]!, appended.seqs.get(f.row.id)!);
			});
			counters = appended.counters;
		}
		const unwritten = plain.filter((i) => out[i] === undefined);
		if (unwritten.length > 0) {
			const ids = [...new Set(unwritten.map((i) => batch[i]!.wish.id))];
			const stored = new Map((await wishesByIds(tx, ids)).map((r) => [r.id, r]));
			for (const i of unwritten) {
				out[i] = unwrittenOutcome(stored.get(batch[i]!.wish.id), batch[i]!.by);
			}
		}
	}
	const rest = out.flatMap((o, i) => (o === undefined ? [i] : []));
	const results = await eachInSavepoint(
		tx,
		rest.map((i) => batch[i]!),
		one,
		deps.onError
	);
	rest.forEach((i, k) => (out[i] = results[k]));
	// Items written one by one came after the counters were read and may have moved them.
	if (counters && rest.length === 0) {
		for (const o of out) if (o?.committed) o.committed.counters = counters.get(o.committed.siteId);
	}
	return out as SubmitOutcome[];
}

/**
 * Writes a batch as one autocommit statement (see repos/intake.ts) on a connection with no open
 * transaction; one outcome per submission, in order, and the counters of every site written to.
 * Null, having written nothing, when the batch must take writeSubmissions' transaction: an item
 * with its own in-transaction step, a batch too big for one statement, or an item that breaks a
 * constraint other than UNIQUE (the transaction then fails just that item).
 */
export async function writeSubmissionsAutocommit(
	q: Query,
	batch: readonly Submission[],
	receivedAt: number,
	deps: { slugsOf: SlugsOf; year: number }
): Promise<{ results: SubmitOutcome[]; counters: Map<number, SiteCounters> } | null> {
	if (batch.some((s) => s.by.after) || !fitsOneStatement(batch.length)) return null;
	const rows = batch.map((s) => newWishRow(s, receivedAt));
	const slugs = await deps.slugsOf(
		q,
		rows.map((r) => r.siteId)
	);
	const events = rows.map((row, i) => submittedEvent(batch[i]!, row, slugs.get(row.siteId)!));
	const written = await insertIntake(
		q,
		rows.map((wish, i) => ({ wish, event: events[i]! })),
		deps.year
	).catch((err: unknown) => {
		if (isConstraintError(err)) return null;
		throw err;
	});
	if (!written) return null;
	const out: (SubmitOutcome | undefined)[] = written.seqs.map((seq, i) => {
		if (seq === null) return undefined;
		const outcome = committedOutcome(events[i]!, seq);
		outcome.committed!.counters = written.counters.get(rows[i]!.siteId);
		return outcome;
	});
	const unwritten = out.flatMap((o, i) => (o === undefined ? [i] : []));
	if (unwritten.length > 0) {
		const ids = [...new Set(unwritten.map((i) => rows[i]!.id))];
		const stored = new Map((await wishesByIds(q, ids)).map((r) => [r.id, r]));
		for (const i of unwritten) out[i] = unwrittenOutcome(stored.get(rows[i]!.id), batch[i]!.by);
	}
	return { results: out as SubmitOutcome[], counters: written.counters };
}
