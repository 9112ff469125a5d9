/**
 * Per-kiosk submission limits: a kiosk sending faster than people can is refused with
 * rate_limited and nothing is written; other kiosks are not affected; an honest kiosk coming back
 * after a day offline still gets its whole outbox in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.ts';
import type { WishSubmit } from '../../shared/schemas/wishes.ts';
import {
	closeAll,
	connectKiosk,
	countAllRows,
	makeWish,
	startTestHub,
	submit,
	submitBatch,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

const MINUTE = 60_000;

function clock(start = Date.now()) {
	let t = start;
	return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function kioskAt(t: TestHub, site: string, index: number, now: () => number) {
	const demo = t.kiosksAt(site)[index]!;
	const { socket, hello } = await connectKiosk(t.hub, demo.token);
	let counter = hello.lastTicket;
	return {
		socket,
		token: demo.token,
		wish: (): WishSubmit => makeWish(hello.ticketPrefix, ++counter, { createdAt: now() })
	};
}

describe('wish:submit per kiosk', () => {
	it('refuses the (N+1)th submit in the window without writing, leaves other kiosks alone, and lets it through after the window', async () => {
		const c = clock();
		const t = await startTestHub({
			now: c.now,
			kioskLimits: { submit: { count: 3, perMs: MINUTE }, replay: null }
		});
		const a = await kioskAt(t, 'shuanglong', 0, c.now);
		const b = await kioskAt(t, 'shuanglong', 1, c.now);

		for (let i = 0; i < 3; i++)
			expect(await submit(a.socket, a.wish())).toMatchObject({ ok: true });
		const before = await countAllRows(t.hub);
		const refused = await submit(a.socket, a.wish());
		expect(refused).toMatchObject({ ok: false, error: ErrorCode.rateLimited });
		expect(refused.ok ? '' : refused.message).toMatch(/too fast/);
		// A second connection with the same device token shares the kiosk's limit.
		const again = await connectKiosk(t.hub, a.token);
		expect(await submit(again.socket, a.wish())).toMatchObject({ error: ErrorCode.rateLimited });
		expect(await countAllRows(t.hub)).toEqual(before);

		expect(await submit(b.socket, b.wish())).toMatchObject({ ok: true });

		c.advance(MINUTE);
		expect(await submit(a.socket, a.wish())).toMatchObject({ ok: true });
	});
});

describe('wish:submitBatch per kiosk', () => {
	it('counts each wish of a batch, refuses a whole batch past the bucket without writing, and refills over time', async () => {
		const c = clock();
		const t = await startTestHub({
			now: c.now,
			kioskLimits: { submit: null, replay: { count: 100, perMs: MINUTE } }
		});
		const a = await kioskAt(t, 'shuanglong', 0, c.now);
		const b = await kioskAt(t, 'shuanglong', 1, c.now);
		const batch = (k: typeof a, n: number) => Array.from({ length: n }, () => k.wish());

		for (let i = 0; i < 2; i++) {
			const r = await submitBatch(a.socket, batch(a, 50));
			expect(r.ok && r.value.every((x) => x.ok)).toBe(true);
		}
		const before = await countAllRows(t.hub);
		// One malformed item still counts: it would be recorded as a rejected wish otherwise.
		expect(await submitBatch(a.socket, [{ id: 'nope' }])).toMatchObject({
			ok: false,
			error: ErrorCode.rateLimited
		});
		expect(await submitBatch(a.socket, batch(a, 1))).toMatchObject({
			error: ErrorCode.rateLimited
		});
		expect(await countAllRows(t.hub)).toEqual(before);

		const other = await submitBatch(b.socket, batch(b, 50));
		expect(other.ok && other.value.every((x) => x.ok)).toBe(true);

		// Half a window refills half the bucket: 50 fit, 51 do not.
		c.advance(MINUTE / 2);
		expect(await submitBatch(a.socket, batch(a, 50).concat(batch(a, 1)))).toMatchObject({
			error: ErrorCode.rateLimited
		});
		const refilled = await submitBatch(a.socket, batch(a, 50));
		expect(refilled.ok && refilled.value.every((x) => x.ok)).toBe(true);
	});

	it('takes an honest kiosk’s 2,000 queued wishes, in batches of 50, at the default limits', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'shuanglong', 0, Date.now);
		const before = (await countAllRows(t.hub)).wishes!;
		for (let i = 0; i < 40; i++) {
			const r = await submitBatch(
				a.socket,
				Array.from({ length: 50 }, () => a.wish())
			);
			expect(r.ok && r.value.every((x) => x.ok), `batch ${i}`).toBe(true);
		}
		expect((await countAllRows(t.hub)).wishes).toBe(before + 2000);
	});
});
