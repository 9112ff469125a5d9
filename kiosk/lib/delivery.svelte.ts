/**
 * Getting a kiosk's wishes to the hub without ever losing one (DESIGN.md §7): each submission is
 * written to the IndexedDB outbox first, then the replayer drains the outbox in batches whenever
 * the hub is reachable. The resident's slip never waits for the network.
 */
import type { BatchItemResult, WishSubmit } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { Outbox, type OutboxItem } from './outbox.ts';
import { createReplayer } from './replay.ts';

type Rejected = Extract<BatchItemResult, { ok: false }>;

export interface DeliveryTransport {
	/** Sends one batch over the socket; rejects when the hub is not connected or does not answer. */
	sendBatch(batch: WishSubmit[]): Promise<BatchItemResult[]>;
	/** 'refused' when the hub will never take this clip (too big, wrong type): the wish goes without. */
	uploadVoice(wishId: string, clip: Blob, mime: string): Promise<'ok' | 'refused' | 'failed'>;
}

/** Where the submission stands once it is safe on the kiosk. */
export type Delivered =
	{ state: 'synced' } | { state: 'queued' } | { state: 'rejected'; error: string; message: string };

/** A short name for the device token, so each kiosk's outbox lives in its own database. */
function deviceKey(token: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(36);
}

export class Delivery {
	/** Wishes on this kiosk the hub has not acknowledged yet (reported in the heartbeat). */
	queued = $state(0);
	/** When the oldest of them was made; the desk flags outboxes that stop draining. */
	oldestQueuedAt = $state<number | null>(null);
	readonly ready: Promise<Outbox | null>;
	// Resolvers of submits waiting for their ack: nothing on screen reads them.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#waiters = new Map<string, (d: Delivered) => void>();
	#replayer;
	#transport: DeliveryTransport;

	#onQueueChange: () => void;
	#nextTicket: () => string;

	/**
	 * onQueueChange: the number of waiting wishes changed (the kiosk tells the hub at once).
	 * nextTicket: this kiosk's next ticket number, for a wish whose number turns out to be taken.
	 */
	constructor(
		token: string,
		transport: DeliveryTransport,
		onQueueChange: () => void = () => {},
		nextTicket: () => string = () => {
			throw new Error('this kiosk cannot number wishes');
		}
	) {
		this.#transport = transport;
		this.#onQueueChange = onQueueChange;
		this.#nextTicket = nextTicket;
		this.ready = Outbox.open(deviceKey(token)).catch((err: unknown) => {
			console.error('IndexedDB unavailable: wishes go straight to the hub', err);
			return null;
		});
		const store = {
			list: async (limit: number) => (await this.ready)?.list(limit) ?? [],
			remove: async (ids: string[]) => {
				await (await this.ready)?.remove(ids);
				await this.#recount();
			}
		};
		this.#replayer = createReplayer<OutboxItem>({
			store,
			beforeSend: (items) => this.#uploadClips(items),
			send: (batch) => transport.sendBatch(batch),
			onCommitted: (r) => this.#settle(r.id, { state: 'synced' }),
			onRejected: (r: Rejected) =>
				this.#settle(r.id, { state: 'rejected', error: r.error, message: r.message }),
			renumber: (item) => this.#renumber(item)
		});
		void this.#recount();
	}

	/**
	 * Keeps the wish (and its clip) on the kiosk, then tries the hub for up to `waitMs`. 'queued'
	 * means it is safe here and goes out by itself when the link is back: the slip can print.
	 */
	async submit(wish: WishSubmit, clip: Blob | null, waitMs: number): Promise<Delivered> {
		const outbox = await this.ready;
		if (!outbox) return this.#direct(wish, clip);
		await outbox.put({ wish, voice: clip, addedAt: Date.now() });
		await this.#recount();
		const settled = new Promise<Delivered>((resolve) => this.#waiters.set(wish.id, resolve));
		const timeout = new Promise<Delivered>((resolve) =>
			setTimeout(() => resolve({ state: 'queued' }), waitMs)
		);
		this.kick();
		const result = await Promise.race([settled, timeout]);
		this.#waiters.delete(wish.id);
		return result;
	}

	/** Drain now (on connect, after a submit); cuts a running backoff short. */
	kick(): void {
		void this.#replayer.kick();
	}

	stop(): void {
		this.#replayer.stop();
	}

	#settle(id: string, d: Delivered): void {
		this.#waiters.get(id)?.(d);
	}

	async #recount(): Promise<void> {
		const outbox = await this.ready;
		if (!outbox) return;
		const oldest = await outbox.list(1);
		const before = this.queued;
		this.queued = await outbox.count();
		this.oldestQueuedAt = oldest[0]?.addedAt ?? null;
		if (this.queued !== before) this.#onQueueChange();
	}

	/** A new number for the wish; the slip in the resident's hand keeps the printed one. */
	async #renumber(item: OutboxItem): Promise<void> {
		item.wish = {
			...item.wish,
			ticketNo: this.#nextTicket(),
			printedTicket: item.wish.printedTicket ?? item.wish.ticketNo
		};
		await (await this.ready)?.put(item);
	}

	async #uploadClips(items: OutboxItem[]): Promise<void> {
		const outbox = await this.ready;
		for (const item of items) {
			if (!item.voice) continue;
			const r = await this.#transport.uploadVoice(
				item.wish.id,
				item.voice,
				item.wish.voice?.mime ?? ''
			);
			if (r === 'failed') throw new Error('voice upload failed');
			// Uploaded (or refused for good): never send the clip again.
			item.voice = null;
			await outbox?.put(item);
		}
	}

	/** Without IndexedDB (private mode, broken profile) the old way: straight to the hub, or an error. */
	async #direct(wish: WishSubmit, clip: Blob | null): Promise<Delivered> {
		const refused = {
			state: 'rejected',
			error: ErrorCode.timeout,
			message: ErrorCode.timeout
		} as const;
		try {
			if (
				clip &&
				(await this.#transport.uploadVoice(wish.id, clip, wish.voice?.mime ?? '')) === 'failed'
			)
				return refused;
			const [r] = await this.#transport.sendBatch([wish]);
			if (!r) return refused;
			return r.ok ? { state: 'synced' } : { state: 'rejected', error: r.error, message: r.message };
		} catch {
			return refused;
		}
	}
}
