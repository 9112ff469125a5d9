import { describe, expect, it } from 'vitest';
import { backoffDelay, createReplayer } from '../../kiosk/lib/replay.ts';
import type { BatchItemResult, WishSubmit } from '../../shared/schemas/wishes.ts';
import { makeWish } from '../helpers/wishes.ts';

function memoryStore(wishes: WishSubmit[]) {
	const items = wishes.map((wish) => ({ wish }));
	return {
		items,
		async list(limit: number) {
			return items.slice(0, limit);
		},
		async remove(ids: string[]) {
			for (const id of ids) {
				const i = items.findIndex((x) => x.wish.id === id);
				if (i >= 0) items.splice(i, 1);
			}
		}
	};
}

const okAll = async (batch: WishSubmit[]): Promise<BatchItemResult[]> =>
	batch.map((w) => ({ id: w.id, ok: true, wish: {} as never }));

describe('outbox replay', () => {
	it('sends 120 queued wishes as three batches of at most 50 and empties the outbox', async () => {
		const store = memoryStore(Array.from({ length: 120 }, (_, i) => makeWish('A', i + 1)));
		const sizes: number[] = [];
		const replayer = createReplayer({
			store,
			send: async (b) => {
				sizes.push(b.length);
				return okAll(b);
			}
		});
		await replayer.kick();
		expect(sizes).toEqual([50, 50, 20]);
		expect(store.items).toHaveLength(0);
	});

	it('keeps everything and backs off with growing, jittered delays while the hub does not answer', async () => {
		const store = memoryStore([makeWish('A', 1), makeWish('A', 2)]);
		const delays: number[] = [];
		let calls = 0;
		const replayer = createReplayer({
			store,
			baseDelayMs: 100,
			maxDelayMs: 1_000,
			random: () => 0.5,
			sleep: async (ms) => {
				delays.push(ms);
			},
			send: async (b) => {
				calls++;
				if (calls <= 5) throw new Error('offline');
				return okAll(b);
			}
		});
		await replayer.kick();
		expect(delays).toEqual([75, 150, 300, 600, 750]);
		expect(store.items).toHaveLength(0);
	});

	it('lets a refused wish go only once the hub says it holds it for staff, and delivers the rest', async () => {
		const good = makeWish('A', 1);
		const bad = makeWish('A', 2);
		const store = memoryStore([good, bad]);
		const rejected: string[] = [];
		const committed: string[] = [];
		let calls = 0;
		const replayer = createReplayer({
			store,
			sleep: async () => undefined,
			send: async (b) => {
				calls++;
				return b.map((w) =>
					w.id === bad.id
						? // The first time the hub could not keep it (held is missing): the kiosk must.
							{ id: w.id, ok: false, error: 'invalid_payload', message: 'bad', held: calls > 1 }
						: { id: w.id, ok: true, wish: {} as never }
				);
			},
			onRejected: (r) => void rejected.push(r.id),
			onCommitted: (r) => void committed.push(r.id)
		});
		await replayer.kick();
		expect(calls).toBe(2);
		expect(rejected).toEqual([bad.id]);
		expect(committed).toEqual([good.id]);
		expect(store.items).toHaveLength(0);
	});

	it('numbers a wish again when its ticket is taken, and sends it at once', async () => {
		const w = makeWish('A', 7);
		const store = memoryStore([w]);
		const sent: string[][] = [];
		const replayer = createReplayer({
			store,
			sleep: async () => {
				throw new Error('no backoff for a renumbered wish');
			},
			send: async (b) => {
				sent.push(b.map((x) => `${x.ticketNo}/${x.printedTicket ?? ''}`));
				return b.map((x) =>
					x.ticketNo === 'A-0007'
						? { id: x.id, ok: false, error: 'ticket_taken', message: 'again' }
						: { id: x.id, ok: true, wish: {} as never }
				);
			},
			renumber: async (item) => {
				item.wish = { ...item.wish, ticketNo: 'A-0042', printedTicket: item.wish.ticketNo };
			}
		});
		await replayer.kick();
		expect(sent).toEqual([['A-0007/'], ['A-0042/A-0007']]);
		expect(store.items).toHaveLength(0);
	});

	it('keeps a wish the hub could not store this time and retries it', async () => {
		const w = makeWish('A', 1);
		const store = memoryStore([w]);
		let calls = 0;
		const replayer = createReplayer({
			store,
			sleep: async () => undefined,
			send: async (b) => {
				calls++;
				return b.map((x) =>
					calls === 1
						? { id: x.id, ok: false, error: 'unavailable', message: 'busy' }
						: { id: x.id, ok: true, wish: {} as never }
				);
			}
		});
		await replayer.kick();
		expect(calls).toBe(2);
		expect(store.items).toHaveLength(0);
	});

	it('caps the backoff delay and never goes below half of it', () => {
		for (let attempt = 0; attempt < 20; attempt++) {
			const lo = backoffDelay(attempt, 1_000, 60_000, () => 0);
			const hi = backoffDelay(attempt, 1_000, 60_000, () => 1);
			expect(hi).toBeLessThanOrEqual(60_000);
			expect(lo).toBe(hi / 2);
		}
	});
});
