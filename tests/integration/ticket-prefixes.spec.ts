/**
 * One kiosk must not be able to spoil another's wishes. A kiosk's tickets carry its own prefix and
 * run on from its own last counter; anything else is refused, and nothing a kiosk is refused for
 * good is dropped: the hub keeps it whole in a desk alert that staff take into the queue.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTicket } from '../../shared/domain/codes.ts';
import { signIn } from '../helpers/desk.ts';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import type { AlertRow } from '../../hub/store/alerts.ts';
import type { BatchItemResult, WishSubmit } from '../../shared/schemas/wishes.ts';
import {
	closeAll,
	connectKiosk,
	makeWish,
	startTestHub,
	submitBatch,
	type KioskSocket,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

async function send(socket: KioskSocket, wishes: unknown[]): Promise<BatchItemResult[]> {
	const r = await submitBatch(socket, wishes);
	if (!r.ok) throw new Error(`batch refused: ${r.message}`);
	return r.value;
}

/** Kiosk B (prefix B, 双龙村) and kiosk C (prefix C, 铁石垭村), connected. */
async function twoKiosks(t: TestHub) {
	const b = await connectKiosk(
		t.hub,
		t.demoKiosks.find((k) => k.name === '双龙村大厅二号机')!.token
	);
	const c = await connectKiosk(t.hub, t.kiosksAt('tieshiya')[0]!.token);
	// The demo township's wishes already carry some of each kiosk's numbers.
	return { b: b.socket, c: c.socket, nextB: b.hello.lastTicket + 1, nextC: c.hello.lastTicket + 1 };
}

async function heldAlerts(t: TestHub): Promise<AlertRow[]> {
	return t.hub.core.db.all<AlertRow>("SELECT * FROM alerts WHERE kind = 'wish_held' ORDER BY id");
}

async function stored(t: TestHub, ticket: string) {
	return t.hub.core.db.get<{ id: string; kiosk_id: number | null }>(
		'SELECT id, kiosk_id FROM wishes WHERE ticket_no = ?',
		[ticket]
	);
}

describe("a kiosk's tickets", () => {
	it("refuses another kiosk's prefix and the hub's own, so the owner's wishes all arrive", async () => {
		const t = await startTestHub();
		const { b, c, nextB, nextC } = await twoKiosks(t);
		const forged = [formatTicket('B', nextB), 'B-999999', 'DK-0001', 'WX-0001'].map((no, i) =>
			makeWish('C', nextC + i, { ticketNo: no })
		);
		const refused = await send(c, forged);
		for (const r of refused) {
			expect(r).toMatchObject({ ok: false, error: 'forbidden', held: true });
		}
		// Kiosk B's own numbering is untouched: its first wishes, and the next after them, arrive.
		const own = [0, 1, 2].map((n) => makeWish('B', nextB + n));
		const answers = await send(b, own);
		expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
		expect((await stored(t, formatTicket('B', nextB)))?.id).toBe(own[0]!.id);
		expect(await stored(t, 'DK-0001')).toBeUndefined();
		expect(await stored(t, 'WX-0001')).toBeUndefined();
		// Every forged wish is held whole, for staff to look at.
		const held = await heldAlerts(t);
		expect(held.map((h) => JSON.parse(h.payload!) as WishSubmit)).toEqual(forged);
	});

	it('refuses a counter that runs far ahead of the kiosk’s own, and takes the next one after', async () => {
		const t = await startTestHub();
		const { c, nextC } = await twoKiosks(t);
		expect((await send(c, [makeWish('C', nextC)]))[0]!.ok).toBe(true);
		const [jump] = await send(c, [makeWish('C', nextC + 20_000)]);
		expect(jump).toMatchObject({ ok: false, error: 'invalid_payload', held: true });
		const [next] = await send(c, [makeWish('C', nextC + 1)]);
		expect(next!.ok).toBe(true);
		// Within the allowance a kiosk may skip numbers.
		const far = await send(c, [makeWish('C', nextC + 1_001)]);
		expect(far.map((r) => r.ok)).toEqual([true]);
	});

	it('answers ticket_taken, holding nothing, when its own number is on another of its wishes', async () => {
		const t = await startTestHub();
		const { c, nextC } = await twoKiosks(t);
		expect((await send(c, [makeWish('C', nextC)]))[0]!.ok).toBe(true);
		// The kiosk was wiped: it numbers a new wish with the same counter again.
		const renumber = makeWish('C', nextC);
		const [again] = await send(c, [renumber]);
		expect(again).toMatchObject({ ok: false, error: 'ticket_taken' });
		expect(again).not.toHaveProperty('held');
		expect(await heldAlerts(t)).toEqual([]);
		// It numbers the wish again and resends it; staff see the printed ticket beside the new one.
		const [resent] = await send(c, [
			{ ...renumber, ticketNo: formatTicket('C', nextC + 1), printedTicket: renumber.ticketNo }
		]);
		expect(resent).toMatchObject({ ok: true, wish: { ticketNo: formatTicket('C', nextC + 1) } });
		const item = await t.hub.core.dispatch.project(renumber.id);
		expect(item).toMatchObject({
			ticketNo: formatTicket('C', nextC + 1),
			printedTicket: renumber.ticketNo
		});
	});

	it('holds a malformed submission as it came, once, however often it is sent', async () => {
		const t = await startTestHub();
		const { c, nextC } = await twoKiosks(t);
		const broken = { ...makeWish('C', nextC), category: 'no-such-category' };
		const [first] = await send(c, [broken]);
		const [second] = await send(c, [broken]);
		expect(first).toMatchObject({ ok: false, error: 'invalid_payload', held: true });
		expect(second).toMatchObject({ held: true });
		const held = await heldAlerts(t);
		expect(held).toHaveLength(1);
		expect(JSON.parse(held[0]!.payload!)).toEqual(broken);
	});
});

describe('a held wish', () => {
	it('is taken into the queue by a dispatcher with one action, its codes and clip kept', async () => {
		const t = await startTestHub();
		const { c, nextC } = await twoKiosks(t);
		const forged = makeWish('C', nextC, {
			ticketNo: 'B-0042',
			voice: { durationMs: 3_000, mime: 'audio/webm' }
		});
		await send(c, [forged]);
		const [alert] = await heldAlerts(t);
		const dispatcher = await signIn(t.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		const r = await t.hub.core.dispatch.acceptHeld(dispatcher.staff, alert!.id);
		if (!r.ok) throw new Error(r.message);
		expect(r.value).toMatchObject({
			id: forged.id,
			text: forged.text,
			claimCode: forged.claimCode,
			voiceMs: 3_000,
			contactPhone: forged.contactPhone,
			siteSlug: 'tieshiya'
		});
		expect(r.value.ticketNo).toMatch(/^DK-\d{4}$/);
		const event = await t.hub.core.db.get<{ data: string }>(
			"SELECT data FROM events WHERE wish_id = ? AND type = 'wish:submitted'",
			[forged.id]
		);
		expect(JSON.parse(event!.data)).toMatchObject({ printedTicket: 'B-0042', via: 'held' });
		const after = await t.hub.core.db.get<{ resolved_at: number | null }>(
			'SELECT resolved_at FROM alerts WHERE id = ?',
			[alert!.id]
		);
		expect(after!.resolved_at).not.toBeNull();
		// A second press finds nothing left to take.
		const twice = await t.hub.core.dispatch.acceptHeld(dispatcher.staff, alert!.id);
		expect(twice).toMatchObject({ ok: false, error: 'not_found' });
		const n = await t.hub.core.db.get<{ n: number }>(
			'SELECT count(*) AS n FROM wishes WHERE id = ?',
			[forged.id]
		);
		expect(n!.n).toBe(1);
	});
});

describe('tickets from many kiosks at once', () => {
	it('keep every kiosk’s numbering its own, whatever prefixes and counters another sends (fuzzed)', async () => {
		const t = await startTestHub();
		const { b, c, nextB, nextC } = await twoKiosks(t);
		const prefix = fc.stringMatching(/^[A-Z][A-Z0-9]{0,2}$/).filter((p) => p !== 'C');
		const forged = fc.sample(
			fc.record({ prefix, counter: fc.integer({ min: 0, max: 999_999_999 }) }),
			{ numRuns: 200, seed: 26 }
		);
		const wishes = forged.map((f, i) =>
			makeWish('C', nextC + i, { ticketNo: formatTicket(f.prefix, f.counter) })
		);
		const refused = [];
		for (let i = 0; i < wishes.length; i += 50)
			refused.push(...(await send(c, wishes.slice(i, i + 50))));
		expect(refused.filter((r) => r.ok || !r.held)).toEqual([]);
		// Kiosk B, whose prefix was among those sent, still numbers on from where it was.
		const own = Array.from({ length: 5 }, (_, k) => makeWish('B', nextB + k));
		expect((await send(b, own)).map((r) => r.ok)).toEqual([true, true, true, true, true]);
		const n = await t.hub.core.db.get<{ n: number }>(
			'SELECT count(*) AS n FROM wishes WHERE id IN (SELECT value FROM json_each(?))',
			[JSON.stringify(wishes.map((w) => w.id))]
		);
		expect(n!.n).toBe(0);
	});
});

describe('tickets the hub numbers itself', () => {
	it('give phones and desks sending at once each a ticket of their own, none lost to a clash', async () => {
		const t = await startTestHub();
		const core = t.hub.core;
		const { staff } = await signIn(t.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		const wish = {
			kind: 'wish' as const,
			category: 'care' as const,
			text: '想请人陪我去赶场',
			voice: null,
			contactName: '',
			contactPhone: ''
		};
		const [phones, desks] = await Promise.all([
			Promise.all(
				Array.from({ length: 8 }, (_, i) =>
					core.phone.submit({ siteSlug: 'shuanglong', ip: `10.1.0.${i}`, wish })
				)
			),
			Promise.all(
				Array.from({ length: 6 }, () =>
					core.dispatch.submit(staff, {
						...wish,
						siteSlug: 'tieshiya',
						urgent: false,
						via: 'walk_in'
					})
				)
			)
		]);
		const phoneTickets = phones.map((r) => (r.ok ? r.value.ticketNo : r.error));
		const deskTickets = desks.map((r) => (r.ok ? r.value.ticketNo : r.error));
		// All numbered, none twice; each prefix counts on from its highest.
		expect(new Set(phoneTickets).size).toBe(8);
		expect(new Set(deskTickets).size).toBe(6);
		expect(phoneTickets.every((x) => /^WX-\d{4,}$/.test(x))).toBe(true);
		expect(deskTickets.every((x) => /^DK-\d{4,}$/.test(x))).toBe(true);
		const numbers = (list: string[]) =>
			list.map((x) => Number(x.split('-')[1])).sort((a, b) => a - b);
		const p = numbers(phoneTickets);
		expect(p[p.length - 1]! - p[0]!).toBe(7);
	});
});
