/**
 * Drains the outbox to the hub in batches (one ack per batch, not one round trip per wish), with
 * jittered exponential backoff when the hub does not answer. Pure logic: storage and transport
 * are passed in, so the behaviour is testable without a browser.
 */
import type { BatchItemResult, WishSubmit } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';

export interface ReplayStore<I extends { wish: WishSubmit }> {
	list(limit: number): Promise<I[]>;
	remove(ids: string[]): Promise<void>;
}

export interface ReplayOptions<I extends { wish: WishSubmit }> {
	store: ReplayStore<I>;
	/**
	 * Runs before a batch goes out (the kiosk uploads voice clips here, so a wish never reaches the
	 * desk without its clip); rejecting counts as "the hub did not answer".
	 */
	beforeSend?: (items: I[]) => Promise<void>;
	/** Sends one batch; rejects when the hub did not answer (offline, timeout). */
	send: (batch: WishSubmit[]) => Promise<BatchItemResult[]>;
	/** Called for each wish the hub committed (so the wall and any voice upload can follow). */
	onCommitted?: (result: Extract<BatchItemResult, { ok: true }>) => void | Promise<void>;
	/**
	 * Called for each wish the hub refused for good and holds for staff (`held`); only then does it
	 * leave the outbox, so the queue never jams and nothing is dropped that the hub does not keep.
	 */
	onRejected?: (result: Extract<BatchItemResult, { ok: false }>) => void;
	/**
	 * The hub found this kiosk's own ticket number on another of its wishes (the kiosk was wiped
	 * or restored): number the wish again in the store, keeping the printed one, and it goes again.
	 */
	renumber?: (item: I) => Promise<void>;
	batchSize?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
	random?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

export function backoffDelay(
	attempt: number,
	base: number,
	max: number,
	random: () => number
): number {
	const ceiling = Math.min(max, base * 2 ** attempt);
	// "Full jitter": kiosks returning together after an outage spread out instead of stampeding.
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function createReplayer<I extends { wish: WishSubmit }>(opts: ReplayOptions<I>) {
	const batchSize = opts.batchSize ?? 50;
	const base = opts.baseDelayMs ?? 1_000;
	const max = opts.maxDelayMs ?? 60_000;
	const random = opts.random ?? Math.random;
	const sleepFor = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	let running: Promise<void> | null = null;
	/** Ends the current backoff early: the link came back, no need to wait out a long delay. */
	let wake: (() => void) | null = null;
	const sleep = (ms: number) =>
		Promise.race([sleepFor(ms), new Promise<void>((r) => (wake = r))]).finally(() => {
			wake = null;
		});
	let again = false;
	let stopped = false;

	async function drainOnce(): Promise<'empty' | 'failed'> {
		for (;;) {
			const items = await opts.store.list(batchSize);
			if (items.length === 0) return 'empty';
			let results: BatchItemResult[];
			try {
				await opts.beforeSend?.(items);
				results = await opts.send(items.map((i) => i.wish));
			} catch {
				return 'failed';
			}
			const leave: string[] = [];
			let transient = false;
			for (const [i, r] of results.entries()) {
				// Results are in batch order; the hub leaves the id out when the id itself is malformed.
				const id = r.id || items[i]?.wish.id || '';
				if (r.ok) {
					await opts.onCommitted?.(r);
					leave.push(id);
				} else if (r.held) {
					opts.onRejected?.({ ...r, id });
					leave.push(id);
				} else if (r.error === ErrorCode.ticketTaken && opts.renumber && items[i]) {
					await opts.renumber(items[i]);
				} else {
					// Not held: the hub keeps nothing of it, so the kiosk must (and tries again later).
					transient = true;
				}
			}
			await opts.store.remove(leave);
			if (transient) return 'failed';
		}
	}

	async function loop(): Promise<void> {
		let attempt = 0;
		do {
			again = false;
			while (!stopped && (await drainOnce()) === 'failed') {
				await sleep(backoffDelay(attempt++, base, max, random));
			}
			attempt = 0;
		} while (again && !stopped);
	}

	return {
		/** Starts draining (or drains again after the current pass); safe to call often. */
		kick(): Promise<void> {
			if (running) {
				again = true;
				wake?.();
				return running;
			}
			running = loop().finally(() => {
				running = null;
			});
			return running;
		},
		stop(): void {
			stopped = true;
			wake?.();
		}
	};
}
