/**
 * Wish use cases: submit (group-committed) and state changes. Inputs are already validated by the
 * socket layer. Every change is one transaction that writes the wish and its event; broadcast
 * happens only after COMMIT.
 */
import { ErrorCode, type Outcome } from '../../shared/errors.ts';
import {
	applyAction,
	eventTypeOf,
	type EditAction,
	type WishAction
} from '../../shared/domain/wish.ts';
import { shanghaiYear } from '../../shared/domain/time.ts';
import type {
	PublicWish,
	SiteCounters,
	SyncResponse,
	WallEvent,
	WishSubmit
} from '../../shared/schemas/wishes.ts';
import { isUniqueViolation, type Db, type Query, type Tx } from '../db/sqlite.ts';
import { appendEvent, eventWish, headSeq, siteEventsSince } from '../db/repos/events.ts';
import { listSites } from '../db/repos/sites.ts';
import {
	siteCounters,
	siteCountersMany,
	toPublicWish,
	updateWishState,
	wallWishes,
	wishById,
	type Channel,
	type WishPatch,
	type WishRow
} from '../db/repos/wishes.ts';
import type { Broadcaster } from '../infra/broadcaster.ts';
import { createGroupCommit } from '../infra/group-commit.ts';
import {
	submitOne,
	writeSubmissions,
	writeSubmissionsAutocommit,
	type Committed,
	type Submission,
	type SubmitOutcome
} from './submissions.ts';

export interface Submitter {
	siteId: number;
	kioskId: number | null;
	channel: Channel;
	actor: string;
	/** Extra data for the submitted event (e.g. how a desk caller came: walk-in or phone). */
	data?: Record<string, unknown>;
	/** Runs inside the transaction after a new wish is stored (e.g. the desk's audit row). */
	after?: (tx: Tx, wish: PublicWish) => Promise<void>;
}

/** One state-machine action on one wish; see act(). */
export interface ActInput {
	wishId: string;
	action: WishAction | EditAction;
	actor: string;
	/** Columns to set with the new status; a function sees the row as it is inside the transaction. */
	patch?: WishPatch | ((row: WishRow) => WishPatch);
	data?: Record<string, unknown>;
	at?: number;
	/** Who-may-act rules checked inside the transaction, so no other change can slip in between. */
	guard?: (tx: Tx, row: WishRow) => Promise<{ error: ErrorCode; message: string } | null>;
	/**
	 * Runs inside the transaction after the event row is written (seq = its number): side rows that
	 * belong to this change, and follow-up events (e.g. a desk flag) committed and broadcast with it.
	 */
	after?: (
		tx: Tx,
		seq: number
	) => Promise<{ type: string; data: Record<string, unknown> }[] | void>;
}

/** Catch-up sends events when a client is at most this far behind, a snapshot otherwise. */
export const CATCH_UP_LIMIT = 500;

export interface WishServiceOptions {
	db: Db;
	broadcaster: Broadcaster;
	now?: () => number;
	groupCommit?: { maxItems: number; maxWaitMs: number };
}

export function createWishService(opts: WishServiceOptions) {
	const { db, broadcaster } = opts;
	const now = opts.now ?? Date.now;

	async function counters(tx: Tx, siteId: number): Promise<SiteCounters> {
		return siteCounters(tx, siteId, shanghaiYear(now()));
	}

	// Slugs never change once a site exists, so each is read once per process.
	const slugs = new Map<number, string>();
	async function slugsOf(q: Query, siteIds: readonly number[]): Promise<Map<number, string>> {
		if (siteIds.some((id) => !slugs.has(id))) {
			for (const site of await listSites(q)) slugs.set(site.id, site.slug);
		}
		return slugs;
	}

	/** Appends the event for a change already written to the wish row; returns the committed event. */
	async function record(
		tx: Tx,
		wishId: string,
		type: string,
		actor: string,
		data: Record<string, unknown>,
		at: number
	) {
		const row = (await wishById(tx, wishId))!;
		const wish = toPublicWish(row);
		// The insert also sets the wish's seq (trigger of migration 0010).
		const seq = await appendEvent(tx, { type, wishId, siteId: row.site_id, actor, data, wish, at });
		return { siteId: row.site_id, event: { seq, type, at, wish: { ...wish, seq } } };
	}

	/**
	 * Counters per site touched by a commit, read inside the same transaction; sites whose
	 * counters the write already brought back (every event of theirs carries them) are not read.
	 */
	async function countersFor(tx: Tx, committed: Committed[]): Promise<Map<number, SiteCounters>> {
		const missing = new Set(committed.filter((c) => !c.counters).map((c) => c.siteId));
		const known = new Map<number, SiteCounters>();
		for (const c of committed) {
			if (c.counters && !missing.has(c.siteId)) known.set(c.siteId, c.counters);
		}
		if (missing.size === 0) return known;
		const read = await siteCountersMany(tx, [...missing], shanghaiYear(now()));
		return new Map([...known, ...read]);
	}

	function publish(committed: Committed[], counted: Map<number, SiteCounters>): void {
		const bySite = new Map<number, WallEvent[]>();
		committed.sort((a, b) => a.event.seq - b.event.seq);
		for (const c of committed) {
			const list = bySite.get(c.siteId) ?? [];
			list.push({ ...c.event, counters: counted.get(c.siteId)! });
			bySite.set(c.siteId, list);
		}
		for (const [siteId, events] of bySite) broadcaster.wall(siteId, events);
		// Desks see every site; they get the same committed events, enriched with contact there.
		broadcaster.desk?.(committed.map((c) => c.event));
	}

	const ingest = createGroupCommit<Submission, SubmitOutcome, Map<number, SiteCounters>>({
		db,
		// No waiting for company: while one commit runs the next batch gathers anyway, so a timer
		// would only add its delay to every wish on a quiet hub (see createGroupCommit).
		...(opts.groupCommit ?? { maxItems: 200, maxWaitMs: 0 }),
		autocommit: async (q, batch) => {
			const receivedAt = now();
			const written = await writeSubmissionsAutocommit(q, batch, receivedAt, {
				slugsOf,
				year: shanghaiYear(receivedAt)
			});
			return written && { results: written.results, finished: written.counters };
		},
		apply: (tx, batch) => {
			const receivedAt = now();
			return writeSubmissions(tx, batch, receivedAt, {
				slugsOf,
				year: shanghaiYear(receivedAt),
				onError(_item, err) {
					if (isUniqueViolation(err)) {
						return {
							ok: false,
							error: ErrorCode.conflict,
							message: 'ticket or code already used by another wish'
						};
					}
					console.error('wish submit failed', err);
					return { ok: false, error: ErrorCode.internal, message: 'could not store the wish' };
				}
			});
		},
		finish: (tx, results) =>
			countersFor(
				tx,
				results.flatMap((r) => (r.committed ? [r.committed] : []))
			),
		afterCommit(results, counted) {
			publish(
				results.flatMap((r) => (r.committed ? [r.committed] : [])),
				counted
			);
		}
	});

	function strip(outcome: SubmitOutcome): Outcome<PublicWish> {
		return outcome.ok ? { ok: true, value: outcome.value } : outcome;
	}

	return {
		/** Resolves only after the wish is committed (or was already stored). */
		async submit(by: Submitter, wish: WishSubmit): Promise<Outcome<PublicWish>> {
			return strip(await ingest.push({ by, wish }));
		},

		async submitMany(by: Submitter, wishes: WishSubmit[]): Promise<Outcome<PublicWish>[]> {
			const outcomes = await Promise.all(wishes.map((wish) => ingest.push({ by, wish })));
			return outcomes.map(strip);
		},

		/**
		 * Applies one state-machine action as one transaction + one event. The status guard in the
		 * UPDATE means two racing actors cannot both win.
		 */
		async act(input: ActInput): Promise<Outcome<PublicWish>> {
			const result = await db.transaction(async (tx) => {
				const r = await actInTx(tx, input);
				return r.ok ? { ...r, counted: await countersFor(tx, [r.committed, ...r.followUps]) } : r;
			});
			if (!result.ok) return result;
			publish([result.committed, ...result.followUps], result.counted);
			return { ok: true, value: result.committed.event.wish };
		},

		/** For seeding and for callers that already hold a transaction; these do not broadcast. */
		actInTx,
		submitInTx,

		async sync(siteId: number, since: number): Promise<SyncResponse> {
			return db.transaction(async (tx) => {
				const head = await headSeq(tx);
				const siteCounts = await counters(tx, siteId);
				if (since > head) {
					// The client knows a future this database does not (restored backup): start over.
					return snapshot(tx, siteId, head, siteCounts);
				}
				const rows = await siteEventsSince(tx, siteId, since, CATCH_UP_LIMIT + 1);
				if (rows.length > CATCH_UP_LIMIT || since === 0)
					return snapshot(tx, siteId, head, siteCounts);
				return {
					mode: 'events',
					headSeq: head,
					counters: siteCounts,
					events: rows.map((r) => ({
						seq: r.seq,
						type: r.type,
						at: r.at,
						wish: eventWish(r),
						counters: siteCounts
					}))
				};
			});
		},

		drain: () => ingest.drain()
	};

	/** Writes a new wish and its submitted event; a replay of a stored id writes nothing. */
	function submitInTx(
		tx: Tx,
		by: Submitter,
		wish: WishSubmit,
		receivedAt: number
	): Promise<SubmitOutcome> {
		return submitOne(tx, { by, wish }, receivedAt, slugsOf);
	}

	async function snapshot(
		tx: Tx,
		siteId: number,
		head: number,
		siteCounts: SiteCounters
	): Promise<SyncResponse> {
		const rows = await wallWishes(tx, siteId, now());
		return {
			mode: 'snapshot',
			headSeq: head,
			counters: siteCounts,
			wishes: rows.map((r: WishRow) => ({ ...toPublicWish(r), seq: r.seq }))
		};
	}

	async function actInTx(
		tx: Tx,
		input: ActInput
	): Promise<
		| { ok: true; committed: Committed; followUps: Committed[] }
		| { ok: false; error: ErrorCode; message: string }
	> {
		const at = input.at ?? now();
		const row = await wishById(tx, input.wishId);
		if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
		const refused = input.guard ? await input.guard(tx, row) : null;
		if (refused) return { ok: false, ...refused };
		const next = applyAction(row.status, input.action);
		if (!next.ok) {
			return {
				ok: false,
				error: ErrorCode.forbiddenTransition,
				message: `cannot ${input.action} a wish that is ${row.status}`
			};
		}
		const patch = typeof input.patch === 'function' ? input.patch(row) : (input.patch ?? {});
		const changed = await updateWishState(tx, row.id, row.status, next.to, patch, at);
		if (!changed)
			return { ok: false, error: ErrorCode.conflict, message: 'the wish changed meanwhile' };
		const committed = await record(
			tx,
			row.id,
			eventTypeOf(input.action),
			input.actor,
			input.data ?? {},
			at
		);
		const followUps: Committed[] = [];
		for (const f of (await input.after?.(tx, committed.event.seq)) ?? []) {
			followUps.push(await record(tx, row.id, f.type, input.actor, f.data, at));
		}
		return { ok: true, committed, followUps };
	}
}

export type WishService = ReturnType<typeof createWishService>;
