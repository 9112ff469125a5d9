/**
 * The wall counters are kept incrementally (migration 0009's triggers); these tests hold them to
 * a full recount through the figures' own definitions (shared/domain/figures.ts), so the two can
 * never drift apart unnoticed, and prove the migration's backfill of an existing database.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { figureRows } from '../../hub/db/repos/desk-items.ts';
import { categorySettings } from '../../hub/db/repos/settings.ts';
import { siteCounters } from '../../hub/db/repos/counters.ts';
import { sqliteStore } from '../../hub/db/store.ts';
import { migrate, MIGRATIONS_DIR } from '../../hub/db/migrate.ts';
import { seedDemoIfEmpty } from '../../hub/demo/seed.ts';
import { openDb, type Db } from '../../hub/db/sqlite.ts';
import { policiesFrom } from '../../hub/services/dispatch/policies.ts';
import { createWishService } from '../../hub/services/wishes/service.ts';
import { computeFigures } from '../../shared/domain/figures.ts';
import { shanghaiYear, shanghaiYearStart } from '../../shared/domain/time.ts';
import { transition, WISH_ACTIONS, type WishAction } from '../../shared/domain/wish.ts';
import type { SiteCounters } from '../../shared/schemas/wishes.ts';
import { closeAll, makeWish, startTestHub, tempDir } from '../helpers/start-hub.ts';

afterEach(closeAll);

/** mulberry32: a seeded generator, so a failing mix can be replayed from its seed. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The wall's three numbers for a site and year, counted from scratch by the figures' functions. */
async function recount(db: Db, slug: string, year: number): Promise<SiteCounters> {
	const items = await figureRows(
		db,
		{ start: shanghaiYearStart(year), end: shanghaiYearStart(year + 1) },
		{ site: slug }
	);
	const policies = policiesFrom(await categorySettings(db));
	const f = computeFigures(
		items.filter((i) => i.kind === 'wish'),
		(c) => policies[c],
		Date.now()
	);
	return { year, wishes: f.wishesPosted, claimed: f.wishesClaimed, fulfilled: f.resolved };
}

async function expectCountersMatchRecount(db: Db, years: number[]): Promise<number> {
	const sites = await db.all<{ id: number; slug: string }>('SELECT id, slug FROM sites');
	let counted = 0;
	for (const site of sites) {
		for (const year of years) {
			const expected = await recount(db, site.slug, year);
			expect(await siteCounters(db, site.id, year), `${site.slug} ${year}`).toEqual(expected);
			counted += expected.wishes;
		}
	}
	return counted;
}

describe('incremental site counters', () => {
	it('equal a full recount after a random mix of submits, claims, resolves, rejects and merges', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const { db, wishes } = hub.core;
		const rand = random(20261125);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
		const kiosks = await db.all<{ id: number; site_id: number; ticket_prefix: string }>(
			'SELECT id, site_id, ticket_prefix FROM kiosks'
		);
		expect(kiosksAt('shuanglong').length).toBeGreaterThan(0);
		const thisYear = shanghaiYear(Date.now());
		// Some items arrive dated last year, so a change must land in its own year's row.
		const lastYearAt = shanghaiYearStart(thisYear) - 5 * 86400_000;
		const ids: string[] = [];
		let ticket = 0;
		let acted = 0;
		for (let step = 0; step < 240; step++) {
			if (ids.length < 10 || rand() < 0.35) {
				const k = pick(kiosks);
				const wish = makeWish(`R${k.ticket_prefix}`, ++ticket, {
					kind: rand() < 0.75 ? 'wish' : 'report'
				});
				const by = { siteId: k.site_id, kioskId: k.id, channel: 'kiosk' as const, actor: 'test' };
				const r =
					rand() < 0.15
						? await sqliteStore(db).transaction((tx) => wishes.submitInTx(tx, by, wish, lastYearAt))
						: await wishes.submit(by, wish);
				expect(r.ok).toBe(true);
				ids.push(wish.id);
				continue;
			}
			const wishId = pick(ids);
			const { status } = (await db.get<{ status: Parameters<typeof transition>[0] }>(
				'SELECT status FROM wishes WHERE id = ?',
				[wishId]
			))!;
			const allowed = WISH_ACTIONS.filter((a) => transition(status, a).ok);
			if (allowed.length === 0) continue;
			const action: WishAction = pick(allowed);
			const r = await wishes.act({
				wishId,
				action,
				actor: 'test',
				patch: action === 'merge' ? { merged_into: pick(ids.filter((id) => id !== wishId)) } : {}
			});
			expect(r.ok, `${action} from ${status}`).toBe(true);
			acted++;
		}
		expect(acted).toBeGreaterThan(60);
		const statuses = await db.all<{ status: string }>('SELECT DISTINCT status FROM wishes');
		// The mix must have reached every kind of count change, or the comparison proves little.
		expect(statuses.map((s) => s.status)).toEqual(
			expect.arrayContaining(['open', 'claimed', 'resolved', 'closed', 'rejected', 'merged'])
		);
		expect(await expectCountersMatchRecount(db, [thisYear - 1, thisYear])).toBeGreaterThan(0);
		// The same mix checks the other trigger-kept column: a wish's seq is its latest event's.
		const stale = await db.get<{ n: number }>(
			'SELECT count(*) AS n FROM wishes w WHERE seq <> (SELECT max(seq) FROM events WHERE wish_id = w.id)'
		);
		expect(stale!.n).toBe(0);
		// What a wall is sent is that same row.
		const site = pick(kiosks).site_id;
		expect((await wishes.sync(site, 0)).counters).toEqual(await siteCounters(db, site, thisYear));
	});

	it('are backfilled from the wishes a database held before the migration', async () => {
		const dataDir = await tempDir();
		const before = join(dataDir, 'migrations-before-0009');
		await mkdir(before);
		for (const name of await readdir(MIGRATIONS_DIR)) {
			if (/^\d{4}_/.test(name) && Number(name.slice(0, 4)) < 9) {
				await copyFile(join(MIGRATIONS_DIR, name), join(before, name));
			}
		}
		// The demo, written by today's hub into a full database, then copied into one that has
		// only the migrations before 0009 (today's write path keeps counters 0009 had not made).
		const full = await tempDir();
		const source = await openDb(join(full, 'demo.db'));
		await migrate(source);
		await seedDemoIfEmpty(
			sqliteStore(source),
			createWishService({ store: sqliteStore(source), broadcaster: { wall: () => {} } }),
			full,
			Date.now()
		);
		await source.close();
		const db = await openDb(join(dataDir, 'wishwall.db'));
		try {
			await migrate(db, before);
			await db.exec(`ATTACH DATABASE '${join(full, 'demo.db')}' AS demo`);
			for (const table of ['sites', 'kiosks', 'posts', 'members', 'wishes', 'events']) {
				const columns = (await db.all<{ name: string }>(`PRAGMA main.table_info(${table})`))
					.map((c) => c.name)
					.join(', ');
				await db.exec(
					`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM demo.${table}`
				);
			}
			await db.exec('DETACH DATABASE demo');
			const held = await db.get<{ n: number }>(
				"SELECT count(*) AS n FROM wishes WHERE kind = 'wish'"
			);
			expect(held!.n).toBeGreaterThan(0);
			expect(await migrate(db)).toContain('0009_site_counters.sql');
			const year = shanghaiYear(Date.now());
			expect(await expectCountersMatchRecount(db, [year - 1, year])).toBeGreaterThan(0);
		} finally {
			await db.close();
		}
	});
});
