/**
 * Group commit: items that arrive while a commit is running (or within maxWaitMs of each other;
 * with 0, within one turn of the event loop) share one write, so synchronous=FULL costs one fsync
 * per batch, not per item. While one batch is written, the batch before it is announced
 * (announce, then its callers hear back), always in commit order. A batch that fails is written
 * again item by item, so one bad item fails only itself.
 */

export interface GroupCommitOptions<I, R, A> {
	maxItems: number;
	maxWaitMs: number;
	/**
	 * Writes a batch durably (one transaction): one result per item, in order, and what to
	 * announce. A throw means nothing of the batch is durable.
	 */
	write: (items: I[]) => Promise<{ results: R[]; announce: A }>;
	/** Runs after the batch is durable, before its callers hear back; the place to broadcast. */
	announce: (a: A) => void;
	/**
	 * The answer for a lone item whose write threw, instead of failing it (null: it fails): an
	 * item the database refuses for good, told apart from a write that could not happen at all.
	 */
	refused?: (item: I, err: unknown) => R | null;
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

export function createGroupCommit<I, R, A>(opts: GroupCommitOptions<I, R, A>): GroupCommit<I, R> {
	let queue: Pending<I, R>[] = [];
	/** A batch waiting to start; cancel() stops the wait without starting it. */
	let timer: { cancel(): void } | null = null;
	let running: Promise<void> | null = null;

	/** Writes one batch; resolves with how to announce it (announce, then the callers' answers). */
	async function write(batch: Pending<I, R>[]): Promise<() => void> {
		try {
			const { results, announce } = await opts.write(batch.map((p) => p.item));
			return () => {
				opts.announce(announce);
				batch.forEach((p, i) => p.resolve(results[i]!));
			};
		} catch (err) {
			if (batch.length === 1) {
				const p = batch[0]!;
				const answer = opts.refused?.(p.item, err) ?? null;
				// Otherwise nothing of it is durable, so nobody gets an ack.
				return answer === null ? () => p.reject(err) : () => p.resolve(answer);
			}
			const each: (() => void)[] = [];
			for (const p of batch) each.push(await write([p]));
			return () => each.forEach((announce) => announce());
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
			// the database thread (its first statement is handed over a few promise steps from
			// here, so after this turn's I/O), not in front of it: broadcasting and answering a
			// batch takes a millisecond or more in which the database would have nothing to do.
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
