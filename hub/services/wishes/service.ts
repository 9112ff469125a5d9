/**
 * Wish use cases: submit (group-committed) and state changes, both written by commit.ts, and the
 * catch-up read. Inputs are already validated by the socket or page that took them. Events are
 * published only after COMMIT.
 */
import { shanghaiYear } from '../../../shared/domain/time.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type {
	PublicWish,
	SiteCounters,
	SyncResponse,
	WallEvent,
	WishSubmit
} from '../../../shared/schemas/wishes.ts';
import type { Broadcaster } from '../../infra/broadcaster.ts';
import { createGroupCommit } from '../../infra/group-commit.ts';
import { eventWish } from '../../store/events.ts';
import type { Repos, Store } from '../../store/store.ts';
import { toPublicWish } from '../../store/wishes.ts';
import { writeChange, type ChangeInput } from './change.ts';
import type { Written } from './commit.ts';
import { carriedForward } from './known.ts';
import { submitNumbered, type Fresh } from './numbered.ts';
import { writeSubmissions, type Submission, type SubmitOutcome, type Submitter } from './submit.ts';

/** How much of a malformed submission an alert keeps: a batch item is far smaller. */
const MAX_HELD_BYTES = 64 * 1024;

/** Catch-up sends events when a client is at most this far behind, a snapshot otherwise. */
export const CATCH_UP_LIMIT = 500;

export interface WishServiceOptions {
	store: Store;
	broadcaster: Broadcaster;
	now?: () => number;
	groupCommit?: { maxItems: number; maxWaitMs: number };
}

export function createWishService(opts: WishServiceOptions) {
	const { store, broadcaster } = opts;
	const now = opts.now ?? Date.now;

	// Slugs never change once a site exists, so each is read once per process.
	const slugs = new Map<number, string>();
	async function slugsOf(tx: Repos, siteIds: readonly number[]): Promise<Map<number, string>> {
		if (siteIds.some((id) => !slugs.has(id))) {
			for (const site of await tx.sites.listSites()) slugs.set(site.id, site.slug);
		}
		return slugs;
	}

	// The last ticket number handed out per hub-numbered prefix (numbered.ts).
	const issued = new Map<string, number>();
	// The log's head and kiosks' last tickets, carried from commit to commit (commit.ts).
	const known = carriedForward();
	/** One transaction of the write path; one that fails leaves nothing known it may have moved. */
	function writing<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
		return store.transaction(fn).catch((err: unknown) => {
			known.forget();
			throw err;
		});
	}

	/** Each wall gets its site's events of a commit as one message, in seq order; desks all. */
	function publish({ committed, counters, fieldPosts, fieldChange }: Written): void {
		if (committed.length === 0) return;
		const bySite = new Map<number, WallEvent[]>();
		for (const c of [...committed].sort((a, b) => a.event.seq - b.event.seq)) {
			const list = bySite.get(c.siteId) ?? [];
			list.push({ ...c.event, counters: counters.get(c.siteId)! });
			bySite.set(c.siteId, list);
		}
		for (const [siteId, events] of bySite) broadcaster.wall(siteId, events);
		// Desks see every site; they get the same committed events, enriched with contact there.
		broadcaster.desk?.(committed.map((c) => c.event));
		if (fieldPosts?.length && fieldChange) broadcaster.field?.(fieldPosts, fieldChange);
	}

	const intake = createGroupCommit<Submission, SubmitOutcome, Written>({
		// No waiting for company: while one commit runs the next batch gathers anyway, so a timer
		// would only add its delay to every wish on a quiet hub.
		...(opts.groupCommit ?? { maxItems: 200, maxWaitMs: 0 }),
		write: (batch) =>
			writing(async (tx) => {
				const { outcomes, written } = await writeSubmissions(tx, batch, now(), slugsOf, known);
				return { results: outcomes, announce: written };
			}),
		announce: publish,
		refused(_item, err) {
			if (!store.isConstraintViolation(err)) return null;
			if (store.isUniqueViolation(err)) {
				return {
					ok: false,
					error: ErrorCode.conflict,
					message: 'ticket or code already used by another wish'
				};
			}
			console.error('wish submit refused by the database', err);
			return { ok: false, error: ErrorCode.internal, message: 'could not store the wish' };
		}
	});

	return {
		/** Resolves only after the wish is committed (or was already stored, or is held). */
		submit(by: Submitter, wish: WishSubmit): Promise<SubmitOutcome> {
			return intake.push({ by, wish });
		},

		/** A wish the hub numbers itself under `prefix` (numbered.ts). */
		submitNumbered(by: Submitter, prefix: string, build: (fresh: Fresh) => WishSubmit) {
			return submitNumbered(
				{ store, now, submit: (b, w) => intake.push({ by: b, wish: w }), issued },
				by,
				prefix,
				build
			);
		},

		submitMany(by: Submitter, wishes: WishSubmit[]): Promise<SubmitOutcome[]> {
			return Promise.all(wishes.map((wish) => intake.push({ by, wish })));
		},

		/**
		 * Keeps a kiosk's submission that failed validation, as it came, for staff: resolves once it
		 * is durable, so the kiosk may let it go.
		 */
		async holdMalformed(
			by: Submitter,
			item: unknown,
			wishId: string | null,
			reason: string
		): Promise<void> {
			const json = JSON.stringify(item) ?? 'null';
			await store.alerts.holdWish(
				{
					siteId: by.siteId,
					kioskId: by.kioskId,
					wishId,
					detail: `${ErrorCode.invalidPayload}: ${reason}`,
					payload: json.length > MAX_HELD_BYTES ? json.slice(0, MAX_HELD_BYTES) : json
				},
				now()
			);
		},

		/** Applies one state-machine action as one transaction; publishes what it committed. */
		async act(input: ChangeInput): Promise<Outcome<PublicWish>> {
			const { written, ...outcome } = await writing((tx) => writeChange(tx, input, now(), known));
			if (written) publish(written);
			return outcome as Outcome<PublicWish>;
		},

		/**
		 * For seeding and for callers that already hold a transaction; these do not publish, and the
		 * caller's transaction must commit (they move what the service knows of the log).
		 */
		actInTx: (tx: Repos, input: ChangeInput) => writeChange(tx, input, now(), known),
		submitInTx: async (tx: Repos, by: Submitter, wish: WishSubmit, receivedAt: number) =>
			(await writeSubmissions(tx, [{ by, wish }], receivedAt, slugsOf, known)).outcomes[0]!,

		async sync(siteId: number, since: number): Promise<SyncResponse> {
			// One transaction, so the head, the counters and the events are one snapshot.
			return store.transaction(async (tx) => {
				const head = await tx.events.headSeq();
				const counters = await tx.counters.siteCounters(siteId, shanghaiYear(now()));
				if (since > head || since === 0) {
					// A client that knows a future this database does not (restored backup) starts over.
					return snapshot(tx, siteId, head, counters);
				}
				const rows = await tx.events.siteEventsSince(siteId, since, CATCH_UP_LIMIT + 1);
				if (rows.length > CATCH_UP_LIMIT) return snapshot(tx, siteId, head, counters);
				return {
					mode: 'events',
					headSeq: head,
					counters,
					events: rows.map((r) => ({
						seq: r.seq,
						type: r.type,
						at: r.at,
						wish: eventWish(r),
						counters
					}))
				};
			});
		},

		drain: () => intake.drain()
	};

	async function snapshot(
		tx: Repos,
		siteId: number,
		head: number,
		counters: SiteCounters
	): Promise<SyncResponse> {
		const rows = await tx.wishes.wallWishes(siteId, now());
		return {
			mode: 'snapshot',
			headSeq: head,
			counters,
			wishes: rows.map((r) => ({ ...toPublicWish(r), seq: r.seq }))
		};
	}
}

export type WishService = ReturnType<typeof createWishService>;
export type { ChangeInput } from './change.ts';
export type { Submitter } from './submit.ts';
