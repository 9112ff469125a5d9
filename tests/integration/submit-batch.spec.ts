/**
 * A group-commit batch is written in one transaction of multi-row statements
 * (hub/services/wishes/submit.ts). These tests hold it to the contract item-by-item writing had:
 * replays and clashes answered per item, one item the database refuses failing alone, events
 * broadcast once with increasing seqs, and they pin down the point of it: a batch costs a fixed
 * number of round trips to the database, not a few per wish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { siteCounters } from '../../hub/db/repos/counters.ts';
import { wishById } from '../../hub/db/repos/wishes.ts';
import { sqliteStore } from '../../hub/db/store.ts';
import { toPublicWish } from '../../hub/store/wishes.ts';
import { shanghaiYear } from '../../shared/domain/time.ts';
import type { Db } from '../../hub/db/sqlite.ts';
import { createWishService, type Submitter } from '../../hub/services/wishes/service.ts';
import { ErrorCode } from '../../shared/errors.ts';
import {
	closeAll,
	connectKiosk,
	makeWish,
	numberedAs,
	recordEvents,
	startTestHub,
	submit,
	submitBatch
} from '../helpers/start-hub.ts';
import { countingDb } from '../helpers/counting-db.ts';

afterEach(closeAll);

/** A kiosk's submitter: the first kiosk of a site, or of the whole hub. */
async function kioskSubmitter(db: Db, site?: string): Promise<Submitter> {
	const k = (await db.get<{ id: number; site_id: number }>(
		site === undefined
			? 'SELECT id, site_id FROM kiosks ORDER BY id LIMIT 1'
			: 'SELECT k.id, k.site_id FROM kiosks k JOIN sites s ON s.id = k.site_id WHERE s.slug = ? ORDER BY k.id LIMIT 1',
		site === undefined ? [] : [site]
	))!;
	return { siteId: k.site_id, kioskId: k.id, channel: 'kiosk', actor: 'test' };
}

describe('writing a batch of submissions', () => {
	it('answers new wishes, replays, in-batch duplicates and clashes in one batch as before', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const [k1, k2] = kiosksAt('shuanglong');
		const one = await connectKiosk(hub, k1!.token);
		const other = await connectKiosk(hub, k2!.token);
		// A site's room includes the sender: what one kiosk hears, every wall of the site hears.
		const wall = recordEvents(one.socket);

		const ownNext = numberedAs(one.hello);
		const stored = ownNext();
		const storedElsewhere = numberedAs(other.hello)();
		expect((await submit(one.socket, stored)).ok).toBe(true);
		const first = await submit(other.socket, storedElsewhere);
		expect(first.ok).toBe(true);
		await wall.waitForCount(2);

		const fresh = ownNext();
		const clash = ownNext({ ticketNo: stored.ticketNo });
		const r = await submitBatch(one.socket, [fresh, stored, fresh, clash, storedElsewhere]);
		if (!r.ok) throw new Error(r.message);
		const [a, replay, again, clashed, foreign] = r.value;
		if (!a?.ok || !replay?.ok || !first.ok)
			throw new Error(`not stored: ${JSON.stringify(r.value)}`);
		expect(a).toMatchObject({ id: fresh.id, ok: true });
		expect(again).toEqual(a);
		expect(replay).toMatchObject({ id: stored.id, ok: true, wish: { ticketNo: stored.ticketNo } });
		// Its own ticket on another of its wishes: the kiosk numbers it again and resends.
		expect(clashed).toMatchObject({ id: clash.id, ok: false, error: ErrorCode.ticketTaken });
		expect(foreign).toMatchObject({
			id: storedElsewhere.id,
			ok: false,
			error: ErrorCode.conflict,
			message: 'wish id belongs to another kiosk',
			held: true
		});
		// Built from the submission, the answer must be what reading the stored row gives.
		const row = (await wishById(hub.core.db, fresh.id))!;
		expect(a.wish).toEqual({ ...toPublicWish(row), seq: row.seq });
		expect(a.wish.seq).toBeGreaterThan(first.value.seq);

		const events = await wall.waitForCount(3);
		expect(events.map((e) => e.wish.id)).toEqual([stored.id, storedElsewhere.id, fresh.id]);
		expect(events[2]!.seq).toBe(a.wish.seq);
		expect(events[2]!.wish).toEqual(a.wish);
		const rows = await hub.core.db.all<{ id: string; seq: number }>(
			'SELECT id, seq FROM wishes WHERE id IN (?, ?)',
			[fresh.id, clash.id]
		);
		expect(rows).toEqual([{ id: fresh.id, seq: a.wish.seq }]);
		const logged = await hub.core.db.get<{ n: number }>(
			'SELECT count(*) AS n FROM events WHERE wish_id = ?',
			[fresh.id]
		);
		expect(logged!.n).toBe(1);
	});

	it('stores every field of a batch as sent: quotes, backslashes, JSON-looking text, emoji, voice and a lone surrogate', async () => {
		const { hub } = await startTestHub();
		const by = await kioskSubmitter(hub.core.db);
		const texts = [
			'他说："别担心" \\ 反斜杠 \\n 不是换行',
			'{"text":"not an object"} [1,2] null',
			'第一行\n\t第二行 😀👍🏽 家',
			'半个代理对 \ud83d 在这里'
		];
		const batch = texts.map((text, i) =>
			makeWish('J1', i + 1, {
				text,
				contactName: i === 1 ? ' 王 "小" 明 ' : '李\\四',
				voice: i === 2 ? { durationMs: 4_321, mime: 'audio/webm' } : null,
				createdAt: 1_700_000_000_123 + i
			})
		);
		const out = await hub.core.wishes.submitMany(by, batch);
		expect(out.every((o) => o.ok)).toBe(true);
		for (const [i, w] of batch.entries()) {
			const row = await hub.core.db.get<Record<string, unknown>>(
				`SELECT text, contact_name, voice_ms, voice_mime, created_at, kiosk_id, site_id,
					(SELECT wish_json FROM events WHERE wish_id = wishes.id) AS wish_json
				FROM wishes WHERE id = ?`,
				[w.id]
			);
			// A lone surrogate is not Unicode text: stored as U+FFFD, as a bound string would be.
			const text = i === 3 ? '半个代理对 \ufffd 在这里' : w.text;
			expect(row).toMatchObject({
				text,
				contact_name: w.contactName.trim(),
				voice_ms: w.voice?.durationMs ?? null,
				voice_mime: w.voice?.mime ?? null,
				created_at: w.createdAt,
				kiosk_id: by.kioskId,
				site_id: by.siteId
			});
			const answered = out[i]!.ok ? out[i]!.value : null;
			const { seq, ...logged } = answered!;
			expect(seq).toBeGreaterThan(0);
			expect(JSON.parse(String(row!.wish_json))).toEqual(JSON.parse(JSON.stringify(logged)));
		}
	});

	it('fails only the item the database refuses; its neighbours are stored and broadcast', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const wall = recordEvents((await connectKiosk(hub, kiosksAt('shuanglong')[0]!.token)).socket);
		const by = await kioskSubmitter(hub.core.db, 'shuanglong');
		// No such site: only the foreign key refuses it, after the schema has let it through.
		const nowhere: Submitter = { ...by, siteId: 999_999, kioskId: null };
		const good = [makeWish('F1', 1), makeWish('F1', 2), makeWish('F1', 3)];
		const bad = makeWish('F1', 4);
		const head = (await hub.core.db.get<{ seq: number }>('SELECT max(seq) AS seq FROM events'))!;
		// Pushed in one tick, so they share one group-commit batch.
		const outcomes = await Promise.all([
			hub.core.wishes.submit(by, good[0]!),
			hub.core.wishes.submit(nowhere, bad),
			hub.core.wishes.submit(by, good[1]!),
			hub.core.wishes.submit(by, good[2]!)
		]);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
		expect(outcomes[1]).toMatchObject({ error: ErrorCode.internal });
		const seqs = outcomes.flatMap((o) => (o.ok ? [o.value.seq] : []));
		expect(seqs[0]!).toBeGreaterThan(head.seq);
		expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
		expect(new Set(seqs).size).toBe(3);
		const events = await wall.waitForCount(3);
		expect(events.map((e) => e.wish.id)).toEqual(good.map((w) => w.id));
		expect(events.map((e) => e.seq)).toEqual(seqs);
		const stored = await hub.core.db.get<{ n: number; events: number }>(
			`SELECT count(*) AS n, sum((SELECT count(*) FROM events e WHERE e.wish_id = w.id)) AS events
			FROM wishes w WHERE id IN (?, ?, ?, ?)`,
			[...good.map((w) => w.id), bad.id]
		);
		// The refused statement left nothing behind: each good wish was written once, with one event.
		expect(stored).toEqual({ n: 3, events: 3 });
		// And no number of the log was spent on it: the next commit follows on without a gap.
		expect((await hub.core.wishes.submit(by, makeWish('F1', 5))).ok).toBe(true);
		const log = await hub.core.db.get<{ span: number; n: number }>(
			'SELECT max(seq) - min(seq) + 1 AS span, count(*) AS n FROM events'
		);
		expect(log!.span).toBe(log!.n);
	});

	it('gives every event of a commit the counters its site has once the whole commit is in', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const sites = ['shuanglong', 'tieshiya'];
		const walls = await Promise.all(
			sites.map(async (slug) =>
				recordEvents((await connectKiosk(hub, kiosksAt(slug)[0]!.token)).socket)
			)
		);
		const by = await Promise.all(sites.map((slug) => kioskSubmitter(hub.core.db, slug)));
		const nowhere: Submitter = { ...by[0]!, siteId: 999_999, kioskId: null };
		const withStep: Submitter = { ...by[0]!, after: async () => undefined };
		let n = 0;
		const wish = () => makeWish('G1', ++n);
		// Each round is pushed in one tick, so it is one commit: both sites written together; then
		// with an item that has its own step in the transaction; then with an item the foreign key
		// refuses, which makes the batch go again one item per commit.
		const rounds: { who: Submitter[]; commits: 'one' | 'each' }[] = [
			{ who: [by[0]!, by[1]!, by[0]!, by[1]!, by[0]!], commits: 'one' },
			{ who: [by[0]!, by[1]!, withStep, by[0]!], commits: 'one' },
			{ who: [by[0]!, nowhere, by[1]!, by[0]!], commits: 'each' }
		];
		let seen = [0, 0];
		for (const round of rounds) {
			await Promise.all(round.who.map((who) => hub.core.wishes.submit(who, wish())));
			const year = shanghaiYear(Date.now());
			for (const [i, wall] of walls.entries()) {
				const expected = round.who.filter((who) => who.siteId === by[i]!.siteId).length;
				const events = (await wall.waitForCount(seen[i]! + expected)).slice(seen[i]);
				const stored = await siteCounters(hub.core.db, by[i]!.siteId, year);
				if (round.commits === 'one') {
					expect(events.map((e) => e.counters)).toEqual(events.map(() => stored));
				} else {
					// One commit per wish: each event carries its own commit's counters, one more each.
					const last = stored.wishes;
					expect(events.map((e) => e.counters)).toEqual(
						events.map((_, k) => ({ ...stored, wishes: last - (events.length - 1 - k) }))
					);
				}
			}
			seen = walls.map((w) => w.events.length);
		}
	});

	it('sends each wall one message per commit, with the events of that commit in seq order', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const [k1, k2] = kiosksAt('shuanglong');
		const sender = await connectKiosk(hub, k1!.token);
		const wall = await connectKiosk(hub, k2!.token);
		const messages: number[][] = [];
		wall.socket.on('events:appended', (events) => messages.push(events.map((e) => e.seq)));

		const next = numberedAs(sender.hello);
		const wishes = Array.from({ length: 30 }, () => next());
		const r = await submitBatch(sender.socket, wishes);
		if (!r.ok) throw new Error(r.message);
		await expect.poll(() => messages.flat().length).toBe(30);
		// One commit wrote them all (maxItems is far above 30): one frame, not thirty.
		expect(messages).toHaveLength(1);
		const seqs = messages[0]!;
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(new Set(seqs).size).toBe(30);
		expect(seqs).toEqual(r.value.map((x) => (x.ok ? x.wish.seq : -1)));
	});

	it('writes a batch of 50 in a few statements, and a replay of it in fewer', async () => {
		const { hub } = await startTestHub();
		const by = await kioskSubmitter(hub.core.db);
		const counted = countingDb(hub.core.db);
		const service = createWishService({
			store: sqliteStore(counted.db),
			broadcaster: { wall: () => {} }
		});
		const batch = Array.from({ length: 50 }, (_, i) => makeWish('S1', i + 1));

		const written = await service.submitMany(by, batch);
		expect(written.every((o) => o.ok)).toBe(true);
		// One transaction whatever the batch's size: BEGIN, the stored wishes sharing a key, the
		// site slugs and the log's head (both read once, then carried by the service), the wishes,
		// their events, the counters, COMMIT. It was 7 per wish one by one.
		expect(counted.statements()).toBe(8);
		counted.reset();
		const more = await service.submitMany(by, [makeWish('S1', 51)]);
		expect(more[0]?.ok).toBe(true);
		expect(counted.statements()).toBe(6);

		counted.reset();
		const replayed = await service.submitMany(by, batch);
		expect(replayed).toEqual(written);
		// BEGIN, the read that finds them all stored and answers them, COMMIT.
		expect(counted.statements()).toBe(3);
		const n = await hub.core.db.get<{ n: number }>(
			"SELECT count(*) AS n FROM events WHERE wish_id IN (SELECT id FROM wishes WHERE ticket_no LIKE 'S1-%')"
		);
		expect(n!.n).toBe(51);
	});

	it('undoes every part of a batch too big for one statement when one item is refused', async () => {
		const { hub } = await startTestHub();
		const by = await kioskSubmitter(hub.core.db);
		const nowhere: Submitter = { ...by, siteId: 999_999, kioskId: null };
		// More than one INSERT's worth (500 rows), so the refused item lands in a later statement.
		const service = createWishService({
			store: sqliteStore(hub.core.db),
			broadcaster: { wall: () => {} },
			groupCommit: { maxItems: 1_000, maxWaitMs: 0 }
		});
		const good = Array.from({ length: 600 }, (_, i) => makeWish('L1', i + 1));
		const [outcomes, refused] = await Promise.all([
			service.submitMany(by, good),
			service.submit(nowhere, makeWish('L1', 601))
		]);
		expect(refused.ok).toBe(false);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(600);
		// Written again one by one, each stored wish got its own submitted event (none answered as a replay).
		const orphans = await hub.core.db.get<{ n: number; events: number }>(
			`SELECT count(*) AS n, sum((SELECT count(*) FROM events e WHERE e.wish_id = w.id)) AS events
			FROM wishes w WHERE ticket_no LIKE 'L1-%'`
		);
		expect(orphans).toEqual({ n: 600, events: 600 });
	});
});
