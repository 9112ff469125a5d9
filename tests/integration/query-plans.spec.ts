/**
 * Wishes carry as few indexes as the reads need (every index is a page written with each wish,
 * migration 0011): these tests hold the reads that run on every hello, wall and catch-up, and the
 * periodic whole-hub ones, to an index, by running the repositories' real statements through
 * EXPLAIN QUERY PLAN, and hold the ticket read, which lost its own index, to the right answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { siteEventsSince } from '../../hub/db/repos/events.ts';
import { kiosksByTokenHashes, kiosksForHello } from '../../hub/db/repos/kiosks.ts';
import { lastTicketWithPrefix } from '../../hub/db/repos/tickets.ts';
import { resolvedBySite } from '../../hub/db/repos/station-figures.ts';
import { staleMemberClaims, waitingWishesAt, wallWishes } from '../../hub/db/repos/wishes.ts';
import type { Db, Params, Query } from '../../hub/db/sqlite.ts';
import { closeAll, makeWish, startTestHub } from '../helpers/start-hub.ts';

afterEach(closeAll);

/** The plan of every statement `read` runs, as SQLite prints it. */
async function plansOf(db: Db, read: (q: Query) => Promise<unknown>): Promise<string[]> {
	const statements: { sql: string; params?: Params }[] = [];
	const recording: Query = {
		run: (sql, params) => (statements.push({ sql, params }), db.run(sql, params)),
		get: (sql, params) => (statements.push({ sql, params }), db.get(sql, params)),
		all: (sql, params) => (statements.push({ sql, params }), db.all(sql, params)),
		exec: (sql) => db.exec(sql)
	};
	await read(recording);
	expect(statements.length).toBeGreaterThan(0);
	const plans: string[] = [];
	for (const { sql, params } of statements) {
		const rows = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
		plans.push(rows.map((r) => r.detail).join(' | '));
	}
	return plans;
}

describe('query plans', () => {
	it('the hello, the wall, the waiting list, catch-up, auto-release and station figures read by an index', async () => {
		const { hub } = await startTestHub();
		const { db } = hub.core;
		const plans = [
			...(await plansOf(db, (q) => lastTicketWithPrefix(q, 'A'))),
			...(await plansOf(db, (q) => kiosksForHello(q, [1, 2, 3]))),
			...(await plansOf(db, (q) => kiosksByTokenHashes(q, ['a', 'b']))),
			...(await plansOf(db, (q) => wallWishes(q, 1, Date.now()))),
			...(await plansOf(db, (q) => waitingWishesAt(q, 1))),
			...(await plansOf(db, (q) => siteEventsSince(q, 1, 0, 500))),
			...(await plansOf(db, (q) => staleMemberClaims(q, ['claimed'], Date.now()))),
			...(await plansOf(db, (q) => resolvedBySite(q, 0, Date.now())))
		];
		for (const plan of plans) {
			expect(plan).not.toMatch(/\bSCAN (wishes|w|events)\b/);
			expect(plan).toMatch(/USING (COVERING )?INDEX/);
		}
		// The ticket read is a range of the ticket_no key, not a walk of the whole key, alone and
		// for each kiosk of a batch of hellos.
		expect(plans[0]).toMatch(/\(ticket_no>\? AND ticket_no<\?\)/);
		expect(plans[1]).toMatch(/CORRELATED SCALAR SUBQUERY.*\(ticket_no>\? AND ticket_no<\?\)/);
	});

	it("a kiosk's hello gives the highest counter of its own prefix only", async () => {
		const { hub } = await startTestHub();
		const { db, wishes, kiosks } = hub.core;
		const kiosk = async (prefix: string) =>
			(await db.get<{ id: number; site_id: number }>(
				'SELECT id, site_id FROM kiosks WHERE ticket_prefix = ?',
				[prefix]
			))!;
		const [ka, kb] = [await kiosk('A'), await kiosk('B')];
		const seeded = (await db.all<{ ticket_no: string }>('SELECT ticket_no FROM wishes'))
			.map((r) => /^A-(\d+)$/.exec(r.ticket_no))
			.filter((m) => m !== null)
			.map((m) => Number(m[1]));
		const before = (await kiosks.hello(ka.id)).lastTicket;
		expect(before).toBe(Math.max(0, ...seeded));

		// Tickets whose text starts like A's but are another prefix's, and one past 9999 (four
		// digits sort wrongly as text: the counter is compared as a number).
		const byB = { siteId: kb.site_id, kioskId: kb.id, channel: 'kiosk' as const, actor: 'test' };
		for (const ticketNo of ['AB-0900', 'A1-99999', 'A0-777777']) {
			expect((await wishes.submit(byB, makeWish('B', 1, { ticketNo }))).ok).toBe(true);
		}
		expect((await kiosks.hello(ka.id)).lastTicket).toBe(before);
		const byA = { siteId: ka.site_id, kioskId: ka.id, channel: 'kiosk' as const, actor: 'test' };
		expect((await wishes.submit(byA, makeWish('A', 10_000))).ok).toBe(true);
		expect((await wishes.submit(byA, makeWish('A', 9_999))).ok).toBe(true);
		expect((await kiosks.hello(ka.id)).lastTicket).toBe(10_000);
		expect(await lastTicketWithPrefix(db, 'AB')).toBe(900);
		expect(await lastTicketWithPrefix(db, 'Z')).toBe(0);
	});
});
