/**
 * The spine, end to end: a real hub on a free port with a real SQLite file, real Socket.IO
 * clients authenticated with the demo kiosks' device tokens.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../hub/core.ts';
import { MigrationMismatchError } from '../../hub/db/migrate.ts';
import { openDb } from '../../hub/db/sqlite.ts';
import type { Hub } from '../../hub/main.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { PublicWish, WallEvent, WishSubmit } from '../../shared/schemas/wishes.ts';
import {
	awaitHello,
	closeAll,
	closeHub,
	connectError,
	connectKiosk,
	countRows,
	emitRaw,
	makeWish,
	NO_KIOSK_LIMITS,
	recordEvents,
	SECRET_NAME,
	SECRET_PHONE,
	startTestHub,
	submit,
	submitBatch,
	syncSince,
	type KioskSocket,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

/** A connected kiosk that makes its own valid wishes with its own ticket numbers. */
async function kiosk(t: TestHub, site: string, index = 0) {
	const demo = t.kiosksAt(site)[index];
	if (!demo) throw new Error(`no demo kiosk #${index} at ${site}`);
	const { socket, hello } = await connectKiosk(t.hub, demo.token);
	let counter = hello.lastTicket;
	return {
		socket,
		hello,
		token: demo.token,
		wish(overrides: Partial<WishSubmit> = {}): WishSubmit {
			counter += 1;
			return makeWish(hello.ticketPrefix, counter, overrides);
		}
	};
}

async function submitOk(socket: KioskSocket, wish: WishSubmit): Promise<PublicWish> {
	const ack = await submit(socket, wish);
	if (!ack.ok) throw new Error(`submit refused: ${ack.error} ${ack.message}`);
	return ack.value;
}

async function headSeq(hub: Hub): Promise<number> {
	const row = await hub.core.db.get<{ seq: number | null }>('SELECT max(seq) AS seq FROM events');
	return row?.seq ?? 0;
}

function expectStrictlyIncreasing(seqs: number[]): void {
	for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
}

describe('live wall', () => {
	it('shows a wish submitted on one kiosk on the other kiosk of the same site, without the resident’s contact or track code', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);
		const b = await kiosk(t, 'shuanglong', 1);
		const other = await kiosk(t, 'tieshiya');
		expect(a.hello.site.slug).toBe('shuanglong');
		expect(b.hello.site.slug).toBe('shuanglong');
		expect(a.hello.kioskId).not.toBe(b.hello.kioskId);
		const seenByB = recordEvents(b.socket);
		const seenByOther = recordEvents(other.socket);

		const wish = a.wish();
		const stored = await submitOk(a.socket, wish);
		const [event] = await seenByB.waitForCount(1);

		expect(event!.type).toBe('wish:submitted');
		expect(event!.wish.id).toBe(wish.id);
		expect(event!.wish.seq).toBeGreaterThan(0);
		expect(event!.seq).toBe(event!.wish.seq);
		expect(event!.wish.status).toBe('open');
		expect(event!.wish.siteSlug).toBe('shuanglong');
		expect(event!.wish.text).toBe(wish.text);
		expect(event!.wish.maskedName).toBe('郭**');
		expect(event!.wish).toEqual(stored);
		const json = JSON.stringify(event);
		expect(json).not.toContain(SECRET_NAME);
		expect(json).not.toContain(SECRET_NAME.slice(1));
		expect(json).not.toContain(SECRET_PHONE);
		expect(json).not.toContain(wish.trackCode);
		expect(json).not.toMatch(/contactName|contactPhone|trackCode/);

		// Events reach a socket in order: if the other site's kiosk had been sent the shuanglong
		// event, it would arrive before the event of a wish submitted there afterwards.
		const own = other.wish();
		await submitOk(other.socket, own);
		await seenByOther.waitForCount(1);
		expect(seenByOther.events.map((e) => e.wish.id)).toEqual([own.id]);
		expect(seenByB.events.map((e) => e.wish.id)).toEqual([wish.id]);
	});
});

describe('idempotent submission', () => {
	it('stores a wish submitted three times in a row once, records one event and answers every time with the stored wish', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);
		const b = await kiosk(t, 'shuanglong', 1);
		const seenByB = recordEvents(b.socket);
		const wish = a.wish();

		const acks = [
			await submit(a.socket, wish),
			await submit(a.socket, wish),
			await submit(a.socket, wish)
		];

		expect(acks.map((r) => r.ok)).toEqual([true, true, true]);
		const first = acks[0]!.ok ? acks[0]!.value : null;
		for (const r of acks) expect(r).toEqual({ ok: true, value: first });
		expect(await countRows(t.hub, 'wishes', `id = '${wish.id}'`)).toBe(1);
		const events = await t.hub.core.db.all<{ seq: number; type: string }>(
			'SELECT seq, type FROM events WHERE wish_id = ?',
			[wish.id]
		);
		expect(events).toEqual([{ seq: first!.seq, type: 'wish:submitted' }]);

		// A replay must not be broadcast again either: a marker wish arrives right after the one event.
		const marker = a.wish();
		await submitOk(a.socket, marker);
		await seenByB.waitForCount(2);
		expect(seenByB.events.map((e) => e.wish.id)).toEqual([wish.id, marker.id]);
	});

	it('stores a wish submitted three times at once exactly once and gives all three the same answer', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);
		const wish = a.wish();
		const wishesBefore = await countRows(t.hub, 'wishes');
		const eventsBefore = await countRows(t.hub, 'events');

		const acks = await Promise.all([
			submit(a.socket, wish),
			submit(a.socket, wish),
			submit(a.socket, wish)
		]);

		expect(acks.every((r) => r.ok)).toBe(true);
		const values = acks.map((r) => (r.ok ? r.value : null));
		expect(values[1]).toEqual(values[0]);
		expect(values[2]).toEqual(values[0]);
		expect(values[0]!.id).toBe(wish.id);
		expect(await countRows(t.hub, 'wishes', `id = '${wish.id}'`)).toBe(1);
		expect(
			await countRows(t.hub, 'events', `wish_id = '${wish.id}' AND type = 'wish:submitted'`)
		).toBe(1);
		expect(await countRows(t.hub, 'wishes')).toBe(wishesBefore + 1);
		expect(await countRows(t.hub, 'events')).toBe(eventsBefore + 1);
		const row = await t.hub.core.db.get<{ seq: number }>('SELECT seq FROM wishes WHERE id = ?', [
			wish.id
		]);
		expect(values[0]!.seq).toBe(row!.seq);
	});
});

describe('validation at the boundary', () => {
	it('refuses malformed payloads with invalid_payload, changes nothing, and keeps serving', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);
		const wishesBefore = await countRows(t.hub, 'wishes');
		const eventsBefore = await countRows(t.hub, 'events');
		const good = () => a.wish() as unknown as Record<string, unknown>;
		const without = (key: string) => {
			const w = good();
			delete w[key];
			return w;
		};
		const sameCodes = () => {
			const w = good();
			return { ...w, trackCode: w.claimCode };
		};

		const badSubmits: unknown[] = [
			null,
			'a wish as a string',
			42,
			[good()],
			{},
			without('id'),
			{ ...good(), id: '3b241101-e2bb-4255-8caf-4136c566a962' },
			{ ...good(), kind: 'complaint' },
			{ ...good(), category: 'weather' },
			{ ...good(), text: '', voice: null },
			{ ...good(), text: '   ', voice: null },
			{ ...good(), text: '修'.repeat(501) },
			{ ...good(), text: '正常\u202e文字' },
			{ ...good(), contactPhone: '138abcd5678' },
			{ ...good(), contactName: '郭'.repeat(21) },
			{ ...good(), ticketNo: 'a-1' },
			sameCodes(),
			{ ...good(), claimCode: 'ILOU123456789' },
			{ ...good(), admin: true },
			{ ...good(), createdAt: '2024-11-25T10:00:00Z' }
		];
		expect(badSubmits).toHaveLength(20);
		const submitAcks = await Promise.all(
			badSubmits.map((p) => emitRaw(a.socket, 'wish:submit', p))
		);
		expect(submitAcks).toHaveLength(20);
		for (const ack of submitAcks) {
			expect(ack).toMatchObject({ ok: false, error: 'invalid_payload' });
			expect(ack.ok ? [] : ack.issues).not.toHaveLength(0);
		}

		const hundredAndOne = Array.from({ length: 101 }, () => good());
		const otherAcks = await Promise.all([
			emitRaw(a.socket, 'wish:submitBatch', good()),
			emitRaw(a.socket, 'wish:submitBatch', []),
			emitRaw(a.socket, 'wish:submitBatch', hundredAndOne),
			emitRaw(a.socket, 'wish:submitBatch', null),
			emitRaw(a.socket, 'sync:since', { since: -1 }),
			emitRaw(a.socket, 'sync:since', { since: 1.5 }),
			emitRaw(a.socket, 'sync:since', { since: '3' }),
			emitRaw(a.socket, 'sync:since', { since: 3, extra: true }),
			emitRaw(a.socket, 'sync:since', null)
		]);
		for (const ack of otherAcks) expect(ack).toMatchObject({ ok: false, error: 'invalid_payload' });

		expect(await countRows(t.hub, 'wishes')).toBe(wishesBefore);
		expect(await countRows(t.hub, 'events')).toBe(eventsBefore);

		const health = await t.healthz();
		expect(health.status).toBe(200);
		expect(health.body).toMatchObject({ status: 'ok', db: 'ok' });
		expect(a.socket.connected).toBe(true);
		const valid = a.wish();
		expect(await submitOk(a.socket, valid)).toMatchObject({ id: valid.id, status: 'open' });
		expect(await countRows(t.hub, 'wishes')).toBe(wishesBefore + 1);
	});
});

describe('restart', () => {
	it('keeps every wish and event across a restart on the same data folder and does not seed the demo twice', async () => {
		const first = await startTestHub();
		expect(first.demoKiosks.length).toBeGreaterThan(0);
		const a = await kiosk(first, 'shuanglong', 0);
		const wish = a.wish();
		const stored = await submitOk(a.socket, wish);
		const tables = ['sites', 'kiosks', 'posts', 'members', 'wishes', 'events', 'schema_migrations'];
		const countsBefore = await Promise.all(tables.map((name) => countRows(first.hub, name)));
		const healthBefore = await first.healthz();
		const rowBefore = await first.hub.core.db.get('SELECT * FROM wishes WHERE id = ?', [wish.id]);
		a.socket.disconnect();
		await closeHub(first.hub);

		const second = await startTestHub({ dataDir: first.dataDir });

		expect(second.hub.core.demoKiosks).toEqual([]);
		expect(second.demoKiosks).toEqual(first.demoKiosks);
		expect(await Promise.all(tables.map((name) => countRows(second.hub, name)))).toEqual(
			countsBefore
		);
		expect(await countRows(second.hub, 'sites', "slug = 'shuanglong'")).toBe(1);
		expect(await second.hub.core.db.get('SELECT * FROM wishes WHERE id = ?', [wish.id])).toEqual(
			rowBefore
		);
		const healthAfter = await second.healthz();
		expect(healthBefore.body.lastSeq).toBe(stored.seq);
		expect(healthAfter.body.lastSeq).toBe(healthBefore.body.lastSeq);

		// The enrolled kiosk still gets in with its token, and its wall still has the wish.
		const again = await kiosk(second, 'shuanglong', 0);
		expect(again.hello.lastTicket).toBe(a.hello.lastTicket + 1);
		const sync = await syncSince(again.socket, 0);
		expect(sync.ok && sync.value.mode === 'snapshot' ? sync.value.wishes : []).toContainEqual(
			stored
		);
	});
});

describe('catching up after a disconnect', () => {
	it('sends a reconnecting kiosk exactly the events of its site it missed, in order, and a snapshot from zero', async () => {
		const t = await startTestHub();
		const late = await kiosk(t, 'shuanglong', 1);
		const oldSeq = late.hello.headSeq;
		expect(oldSeq).toBe(await headSeq(t.hub));
		late.socket.disconnect();

		const a = await kiosk(t, 'shuanglong', 0);
		const elsewhere = await kiosk(t, 'tieshiya');
		const missed: string[] = [];
		const notMine: string[] = [];
		for (const who of ['a', 'x', 'a', 'a', 'x', 'a', 'a']) {
			if (who === 'a') missed.push((await submitOk(a.socket, a.wish())).id);
			else notMine.push((await submitOk(elsewhere.socket, elsewhere.wish())).id);
		}

		const greeted = awaitHello(late.socket);
		late.socket.connect();
		const hello = await greeted;
		expect(hello.headSeq).toBe(oldSeq + 7);

		const ack = await syncSince(late.socket, oldSeq);
		expect(ack.ok).toBe(true);
		if (!ack.ok || ack.value.mode !== 'events')
			throw new Error(`expected events, got ${JSON.stringify(ack)}`);
		const events: WallEvent[] = ack.value.events;
		expect(events.map((e) => e.wish.id)).toEqual(missed);
		expect(
			events.every((e) => e.type === 'wish:submitted' && e.wish.siteSlug === 'shuanglong')
		).toBe(true);
		expect(events.every((e) => e.seq > oldSeq && e.wish.seq === e.seq)).toBe(true);
		expectStrictlyIncreasing(events.map((e) => e.seq));
		expect(ack.value.headSeq).toBe(oldSeq + 7);

		const full = await syncSince(late.socket, 0);
		expect(full.ok && full.value.mode).toBe('snapshot');
		if (!full.ok || full.value.mode !== 'snapshot') return;
		const ids = full.value.wishes.map((w) => w.id);
		for (const id of missed) expect(ids).toContain(id);
		for (const id of notMine) expect(ids).not.toContain(id);
		expect(full.value.wishes.every((w) => w.siteSlug === 'shuanglong')).toBe(true);
		expect(full.value.headSeq).toBe(oldSeq + 7);
	});
});

describe('migration history', () => {
	async function refusal(dataDir: string): Promise<unknown> {
		return startTestHub({ dataDir }).then(
			() => null,
			(err: unknown) => err
		);
	}

	it('refuses to start on a database whose applied migration was changed afterwards', async () => {
		const first = await startTestHub();
		await closeHub(first.hub);
		const tampered = 'f'.repeat(64);
		const db = await openDb(join(first.dataDir, DB_FILE));
		await db.run('UPDATE schema_migrations SET checksum = ? WHERE version = 1', [tampered]);
		await db.close();

		const err = await refusal(first.dataDir);

		expect(err).toBeInstanceOf(MigrationMismatchError);
		expect((err as Error).message).toMatch(/Refusing to start/);
		expect((err as Error).message).toContain('0001_init.sql was changed after it was applied');
		// Refused, not "repaired": the recorded history is as it was.
		const check = await openDb(join(first.dataDir, DB_FILE));
		const row = await check.get<{ checksum: string }>(
			'SELECT checksum FROM schema_migrations WHERE version = 1'
		);
		await check.close();
		expect(row?.checksum).toBe(tampered);
	});

	it('refuses to start on a database that records a migration there is no file for', async () => {
		const first = await startTestHub();
		await closeHub(first.hub);
		const db = await openDb(join(first.dataDir, DB_FILE));
		await db.run(
			'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
			[9999, '9999_from_the_future.sql', '0'.repeat(64), Date.now()]
		);
		await db.close();

		const err = await refusal(first.dataDir);

		expect(err).toBeInstanceOf(MigrationMismatchError);
		expect((err as Error).message).toMatch(/Refusing to start/);
		expect((err as Error).message).toContain(
			'9999_from_the_future.sql is recorded but no such file exists'
		);
	});
});

describe('connection gate', () => {
	it('refuses a client speaking another protocol version with protocol_mismatch', async () => {
		const t = await startTestHub();
		const err = await connectError(t.hub, {
			protocol: PROTOCOL_VERSION + 1,
			role: 'kiosk',
			token: t.demoKiosks[0]!.token
		});
		expect(err.message).toBe('protocol_mismatch');
		expect(err.data?.code).toBe('protocol_mismatch');
	});

	it('refuses an unknown device token with unauthorized', async () => {
		const t = await startTestHub();
		const err = await connectError(t.hub, {
			protocol: PROTOCOL_VERSION,
			role: 'kiosk',
			token: 'x'.repeat(43)
		});
		expect(err.message).toBe('unauthorized');
		expect(err.data?.code).toBe('unauthorized');
	});

	it('refuses a client without a device token with unauthorized', async () => {
		const t = await startTestHub();
		const err = await connectError(t.hub, { protocol: PROTOCOL_VERSION, role: 'kiosk' });
		expect(err.message).toBe('unauthorized');
	});
});

describe('group commit', () => {
	it('commits 200 concurrent submissions from 4 kiosks, each once, with strictly increasing sequence numbers', async () => {
		// 50 at once per kiosk is a load test, far past a person's pace: the per-kiosk limit is off.
		const t = await startTestHub({ kioskLimits: NO_KIOSK_LIMITS });
		const kiosks = [
			await kiosk(t, 'shuanglong', 0),
			await kiosk(t, 'shuanglong', 1),
			await kiosk(t, 'tieshiya'),
			await kiosk(t, 'shifang')
		];
		const seen = kiosks.map((k) => recordEvents(k.socket));
		const head = await headSeq(t.hub);
		const wishesBefore = await countRows(t.hub, 'wishes');
		const jobs = kiosks.flatMap((k) =>
			Array.from({ length: 50 }, () => ({ socket: k.socket, wish: k.wish() }))
		);
		expect(jobs).toHaveLength(200);

		const acks = await Promise.all(jobs.map((j) => submit(j.socket, j.wish)));

		expect(acks.filter((r) => !r.ok)).toEqual([]);
		expect(await countRows(t.hub, 'wishes')).toBe(wishesBefore + 200);
		const events = await t.hub.core.db.all<{ seq: number; type: string; wish_id: string }>(
			'SELECT seq, type, wish_id FROM events WHERE seq > ? ORDER BY seq',
			[head]
		);
		expect(events).toHaveLength(200);
		expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => head + 1 + i));
		expect(events.every((e) => e.type === 'wish:submitted')).toBe(true);
		expect(new Set(events.map((e) => e.wish_id))).toEqual(new Set(jobs.map((j) => j.wish.id)));
		const seqOfWish = new Map(events.map((e) => [e.wish_id, e.seq]));
		acks.forEach((r, i) => {
			expect(r.ok && r.value.id).toBe(jobs[i]!.wish.id);
			expect(r.ok && r.value.seq).toBe(seqOfWish.get(jobs[i]!.wish.id));
		});

		// Every wall hears its site's events once each, in strictly increasing order.
		const expectedCounts = [100, 100, 50, 50];
		for (const [i, rec] of seen.entries()) {
			const got = await rec.waitForCount(expectedCounts[i]!);
			expect(got).toHaveLength(expectedCounts[i]!);
			expectStrictlyIncreasing(got.map((e) => e.seq));
		}
	});
});

describe('batch submission', () => {
	it('commits the valid items of a batch and reports the invalid ones in their positions', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);
		const wishesBefore = await countRows(t.hub, 'wishes');
		const items: Record<string, unknown>[] = Array.from({ length: 52 }, () => ({ ...a.wish() }));
		items[7] = { ...items[7], text: '', voice: null };
		items[33] = { ...items[33], category: 'weather' };

		const ack = await submitBatch(a.socket, items);

		expect(ack.ok).toBe(true);
		if (!ack.ok) return;
		const results = ack.value;
		expect(results).toHaveLength(52);
		results.forEach((r, i) => {
			expect(r.id).toBe(items[i]!.id);
			if (i === 7 || i === 33) {
				expect(r).toMatchObject({ ok: false, error: 'invalid_payload' });
			} else {
				expect(r).toMatchObject({ ok: true, wish: { id: items[i]!.id, status: 'open' } });
			}
		});
		expect(results.filter((r) => r.ok)).toHaveLength(50);
		expect(await countRows(t.hub, 'wishes')).toBe(wishesBefore + 50);
		expect(await countRows(t.hub, 'wishes', `id IN ('${items[7]!.id}', '${items[33]!.id}')`)).toBe(
			0
		);
	});
});

describe('health', () => {
	it('reports status, database, last sequence number and connected clients as JSON', async () => {
		const t = await startTestHub();
		const a = await kiosk(t, 'shuanglong', 0);

		const before = await t.healthz();

		expect(before.status).toBe(200);
		expect(before.contentType).toMatch(/^application\/json/);
		expect(before.body).toMatchObject({
			status: 'ok',
			db: 'ok',
			lastSeq: await headSeq(t.hub),
			clients: 1
		});
		expect(before.body.lastSeq).toBeGreaterThan(0);
		expect(typeof before.body.uptimeSeconds).toBe('number');

		const stored = await submitOk(a.socket, a.wish());
		const after = await t.healthz();
		expect(after.body.lastSeq).toBe(stored.seq);
		expect(after.body.lastSeq).toBe((before.body.lastSeq as number) + 1);
	});
});
