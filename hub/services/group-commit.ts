/**
 * Group commit: submissions that arrive while a commit is running (or within maxWaitMs of each
 * other) share one transaction, so synchronous=FULL costs one fsync per batch, not per wish.
 * Each item runs in its own SAVEPOINT, so one bad item never takes its neighbours down.
 */
import type { Db, Tx } from '../db/sqlite.ts';

export interface GroupCommitOptions<I, R, F> {
	db: Db;
	maxItems: number;
	maxWaitMs: number;
	/** Writes one item; a throw rolls back just this item and becomes onError's result. */
	apply: (tx: Tx, item: I) => Promise<R>;
	onError: (item: I, err: unknown) => R;
	/** Runs last inside the transaction, e.g. to read counters the broadcast carries. */
	finish: (tx: Tx, results: R[]) => Promise<F>;
	/** Runs after COMMIT, before callers hear back; the place to broadcast. */
	afterCommit: (results: R[], finished: F) => void;
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
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<void> | null = null;

	async function flush(): Promise<void> {
		timer = null;
		while (queue.length > 0) {
			const batch = queue.slice(0, opts.maxItems);
			queue = queue.slice(batch.length);
			try {
				const [results, finished] = await opts.db.transaction(async (tx) => {
					const out: R[] = [];
					for (const p of batch) {
						out.push(
							await tx
								.savepoint((sp) => opts.apply(sp, p.item))
								.catch((err) => opts.onError(p.item, err))
						);
					}
					return [out, await opts.finish(tx, out)] as const;
				});
				opts.afterCommit(results, finished);
				batch.forEach((p, i) => p.resolve(results[i]!));
			} catch (err) {
				// The COMMIT itself failed: nothing in this batch is durable, so nobody gets an ack.
				for (const p of batch) p.reject(err);
			}
		}
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
		if (draining || queue.length >= opts.maxItems || opts.maxWaitMs <= 0) start();
		else timer = setTimeout(start, opts.maxWaitMs);
	}

	return {
		push(item) {
			return new Promise<R>((resolve, reject) => {
				queue.push({ item, resolve, reject });
				if (timer && queue.length >= opts.maxItems) {
					clearTimeout(timer);
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
						clearTimeout(timer);
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
