/**
 * Group commit: submissions that arrive while a commit is running (or within maxWaitMs of each
 * other; with 0, within one turn of the event loop) share one transaction, so synchronous=FULL
 * costs one fsync per batch, not per wish. While one batch is written, the batch before it is
 * announced (afterCommit, then its callers hear back), always in commit order.
 * The writer sees the whole batch, so it can write it with a few multi-row statements; it must
 * still keep one bad item from failing its neighbours (eachInSavepoint does that item by item).
 */
import type { Db, Query, Tx } from '../db/sqlite.ts';

export interface GroupCommitOptions<I, R, F> {
	db: Db;
	maxItems: number;
	maxWaitMs: number;
	/** Writes a batch; one result per item, in order. A throw fails the whole batch (no acks). */
	apply: (tx: Tx, items: I[]) => Promise<R[]>;
	/** Runs last inside the transaction, e.g. to read counters the broadcast carries. */
	finish: (tx: Tx, results: R[]) => Promise<F>;
	/**
	 * A faster way to write a batch, tried first: autocommit statements in an exclusive turn,
	 * giving the results and what finish would. Null when it wrote nothing and the batch should
	 * take the transaction (apply, finish). A throw fails the whole batch, as apply's does.
	 */
	autocommit?: (q: Query, items: I[]) => Promise<{ results: R[]; finished: F } | null>;
	/** Runs after COMMIT, before callers hear back; the place to broadcast. */
	afterCommit: (results: R[], finished: F) => void;
}

/** Writes each item in its own SAVEPOINT: a throw rolls back just that item and becomes onError's result. */
export async function eachInSavepoint<I, R>(
	tx: Tx,
	items: readonly I[],
	apply: (tx: Tx, item: I) => Promise<R>,
	onError: (item: I, err: unknown) => R
): Promise<R[]> {
	const out: R[] = [];
	for (const item of items) {
		out.push(
			await tx.savepoint((sp) => apply(sp, item)).catch((err: unknown) => onError(item, err))
		);
	}
	return out;
}

export interface GroupCommit<I, R> {
	push(item: I): Promise<R>;
	/** Resolves when everything pushed so far is committed (used by graceful shutdown). */
	drain(): Promise<void>;
}

interface Pending<I, R> {
	item: I;
	resolve: (r: R) => void;
	reject: (e: unknown) => void;
}

export function createGroupCommit<I, R, F>(opts: GroupCommitOptions<I, R, F>): GroupCommit<I, R> {
	let queue: Pending<I, R>[] = [];
	/** A batch waiting to start; cancel() stops the wait without starting it. */
	let timer: { cancel(): void } | null = null;
	let running: Promise<void> | null = null;

	/** Writes one batch; resolves with how to announce it (afterCommit, then the callers' answers). */
	async function write(batch: Pending<I, R>[]): Promise<() => void> {
		try {
			const items = batch.map((p) => p.item);
			const fast = opts.autocommit
				? await opts.db.exclusive((q) => opts.autocommit!(q, items))
				: null;
			const { results, finished } =
				fast ??
				(await opts.db.transaction(async (tx) => {
					const out = await opts.apply(tx, items);
					return { results: out, finished: await opts.finish(tx, out) };
				}));
			return () => {
				opts.afterCommit(results, finished);
				batch.forEach((p, i) => p.resolve(results[i]!));
			};
		} catch (err) {
			// The COMMIT itself failed: nothing in this batch is durable, so nobody gets an ack.
			return () => {
				for (const p of batch) p.reject(err);
			};
		}
	}

	async function flush(): Promise<void> {
		timer = null;
		let due: (() => void) | null = null;
		const announceDue = () => {
			const announce = due;
			due = null;
			announce?.();
		};
		while (queue.length > 0) {
			const batch = queue.slice(0, opts.maxItems);
			queue = queue.slice(batch.length);
			const writing = write(batch);
			// The batch before is durable but not yet announced: announce it while this one is on
			// the database thread (its statement is handed over a few promise steps from here, so
			// after this turn's I/O), not in front of it. Broadcasting and answering a batch took a
			// millisecond or more in which the database had nothing to do.
			if (due) setImmediate(announceDue);
			const announce = await writing;
			announceDue(); // in order: the batch before first, if it is still due
			due = announce;
		}
		announceDue();
	}

	let draining = false;

	function schedule(): void {
		if (running || timer) return;
		const start = () => {
			running = flush().finally(() => {
				running = null;
				if (queue.length > 0) schedule();
			});
		};
		if (draining || queue.length >= opts.maxItems) start();
		else if (opts.maxWaitMs > 0) {
			const t = setTimeout(start, opts.maxWaitMs);
			timer = { cancel: () => clearTimeout(t) };
		} else {
			// Not now but after this turn of the event loop: the items of one socket message
			// (a kiosk's outbox batch) and of messages read in the same poll share the commit.
			const t = setImmediate(start);
			timer = { cancel: () => clearImmediate(t) };
		}
	}

	return {
		push(item) {
			return new Promise<R>((resolve, reject) => {
				queue.push({ item, resolve, reject });
				if (timer && queue.length >= opts.maxItems) {
					timer.cancel();
					timer = null;
				}
				schedule();
			});
		},
		async drain() {
			draining = true;
			try {
				while (queue.length > 0 || running || timer) {
					if (timer) {
						timer.cancel();
						timer = null;
					}
					schedule();
					await running;
				}
			} finally {
				draining = false;
			}
		}
	};
}
