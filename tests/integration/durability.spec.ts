/**
 * Never lose a wish (DESIGN.md §7) on the hub side: SIGKILL mid-load, replays of big outboxes,
 * reconnect storms, and backup/restore under writes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../hub/core.ts';
import type { DemoKiosk } from '../../hub/demo/seed.ts';
import { openDb } from '../../hub/db/sqlite.ts';
import { restoreBackup } from '../../hub/db/restore.ts';
import { BACKUP_DIR, backupNow, listBackups } from '../../hub/infra/backups.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { BatchItemResult, KioskHello, WishSubmit } from '../../shared/schemas/wishes.ts';
import { spawnHub, type HubProcess } from '../helpers/hub-process.ts';
import {
	closeAll,
	closeHub,
	countRows,
	numberedAs,
	startTestHub,
	tempDir
} from '../helpers/start-hub.ts';

const procs: HubProcess[] = [];
const clients: Socket[] = [];

afterEach(async () => {
	for (const c of clients.splice(0)) c.disconnect();
	await Promise.all(procs.splice(0).map((p) => p.kill9()));
	await closeAll();
});

function connect(port: number, token: string): Promise<{ socket: Socket; hello: KioskHello }> {
	const socket = io(`http://127.0.0.1:${port}`, {
		auth: { protocol: PROTOCOL_VERSION, role: 'kiosk', token },
		transports: ['websocket'],
		forceNew: true,
		reconnection: false
	});
	clients.push(socket);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no hello')), 15_000);
		socket.once('kiosk:hello', (hello: KioskHello) => {
			clearTimeout(timer);
			resolve({ socket, hello });
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
	});
}

async function demoKiosks(dataDir: string): Promise<DemoKiosk[]> {
	return JSON.parse(await readFile(join(dataDir, 'demo-kiosks.json'), 'utf8')) as DemoKiosk[];
}

function sendBatch(socket: Socket, batch: WishSubmit[]): Promise<Outcome<BatchItemResult[]>> {
	return socket.timeout(15_000).emitWithAck('wish:submitBatch', batch);
}

/** Which of `planned` are stored, read straight from the database file (another connection, WAL-safe). */
async function storedIds(
	dataDir: string,
	planned: readonly string[]
): Promise<{ ids: Set<string>; submittedEvents: number }> {
	const db = await openDb(join(dataDir, DB_FILE));
	try {
		const ids = JSON.stringify(planned);
		const rows = await db.all<{ id: string }>(
			'SELECT id FROM wishes WHERE id IN (SELECT value FROM json_each(?))',
			[ids]
		);
		const ev = await db.get<{ n: number }>(
			"SELECT count(*) AS n FROM events WHERE type = 'wish:submitted' AND wish_id IN (SELECT value FROM json_each(?))",
			[ids]
		);
		return { ids: new Set(rows.map((r) => r.id)), submittedEvents: ev?.n ?? 0 };
	} finally {
		await db.close();
	}
}

describe('a hub killed with SIGKILL', () => {
	it.each([150, 500, 1200])(
		'loses no acknowledged wish and takes the rest on replay, none twice (kill after %i ms)',
		async (killAfterMs) => {
			const dataDir = await tempDir();
			let hub = await spawnHub(dataDir);
			procs.push(hub);
			const kiosks = await demoKiosks(dataDir);
			// 20 clients × 100 wishes, each client sending batches of 10 as fast as acks come back;
			// clients sharing a kiosk number in ranges of their own.
			const conns = await Promise.all(
				Array.from({ length: 20 }, (_, c) => connect(hub.port, kiosks[c % kiosks.length]!.token))
			);
			const plans = conns.map(({ hello }, c) => {
				const next = numberedAs(hello, 100 * c);
				return Array.from({ length: 100 }, () => next());
			});
			const planned = plans.flat().map((w) => w.id);
			const acked = new Set<string>();
			const load = Promise.all(
				conns.map(async ({ socket }, c) => {
					for (let i = 0; i < 100; i += 10) {
						const r = await sendBatch(socket, plans[c]!.slice(i, i + 10)).catch(() => null);
						if (!r) return;
						if (!r.ok) throw new Error(`batch refused: ${r.message}`);
						for (const item of r.value) if (item.ok) acked.add(item.id);
					}
				})
			);
			await new Promise((r) => setTimeout(r, killAfterMs));
			await hub.kill9();
			await load;
			const ackedAtKill = new Set(acked);

			hub = await spawnHub(dataDir);
			procs.push(hub);
			const afterCrash = await storedIds(dataDir, planned);
			for (const id of ackedAtKill) expect(afterCrash.ids.has(id)).toBe(true);
			// Nothing half-written: every stored wish has exactly its one submitted event.
			expect(afterCrash.submittedEvents).toBe(afterCrash.ids.size);

			// Each kiosk replays its whole outbox (acknowledged or not): the hub keeps one of each.
			const again = await Promise.all(
				plans.map((_, c) => connect(hub.port, kiosks[c % kiosks.length]!.token))
			);
			await Promise.all(
				again.map(async ({ socket }, c) => {
					for (let i = 0; i < 100; i += 50) {
						const r = await sendBatch(socket, plans[c]!.slice(i, i + 50));
						expect(r.ok).toBe(true);
						if (r.ok) expect(r.value.every((x) => x.ok)).toBe(true);
					}
				})
			);
			const final = await storedIds(dataDir, planned);
			expect(final.ids.size).toBe(2000);
			expect(final.submittedEvents).toBe(2000);
		}
	);
});

describe('outbox replay', () => {
	it('stores 1,000 queued wishes exactly once, and a second replay of the same batches adds nothing', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const kiosk = kiosksAt('shuanglong')[0]!;
		const { socket, hello } = await connect(hub.port, kiosk.token);
		const next = numberedAs(hello);
		const queued = Array.from({ length: 1000 }, () => next());
		const before = await countRows(hub, 'wishes');
		for (let round = 0; round < 2; round++) {
			for (let i = 0; i < queued.length; i += 50) {
				const r = await sendBatch(socket, queued.slice(i, i + 50));
				expect(r.ok && r.value.every((x) => x.ok)).toBe(true);
			}
			expect(await countRows(hub, 'wishes')).toBe(before + 1000);
			expect(await countRows(hub, 'events', "type = 'wish:submitted'")).toBe(before + 1000);
		}
	});

	it('brings 200 kiosks reconnecting at once after a restart to the same last sequence number', async () => {
		const dataDir = await tempDir();
		let hub = await spawnHub(dataDir);
		procs.push(hub);
		const kiosks = (await demoKiosks(dataDir)).filter((k) => k.site === 'shuanglong');
		const writer = await connect(hub.port, kiosks[0]!.token);
		const nextA = numberedAs(writer.hello);
		for (let i = 0; i < 5; i++) await sendBatch(writer.socket, [nextA()]);
		await hub.kill9();
		hub = await spawnHub(dataDir);
		procs.push(hub);
		// A few wishes land after the restart, so the storm has something to catch up on.
		const late = await connect(hub.port, kiosks[1]!.token);
		const nextB = numberedAs(late.hello);
		await sendBatch(late.socket, [nextB(), nextB()]);
		const heads = await Promise.all(
			Array.from({ length: 200 }, async (_, i) => {
				const { socket } = await connect(hub.port, kiosks[i % kiosks.length]!.token);
				const r = (await socket
					.timeout(15_000)
					.emitWithAck('sync:since', { since: 3 })) as Outcome<{
					headSeq: number;
				}>;
				if (!r.ok) throw new Error(r.message);
				return r.value.headSeq;
			})
		);
		const health = (await (await fetch(`http://127.0.0.1:${hub.port}/healthz`)).json()) as {
			lastSeq: number;
		};
		expect(new Set(heads)).toEqual(new Set([health.lastSeq]));
	});
});

describe('backups', () => {
	it('backs up a live hub under writes and restores to a database that holds every wish acknowledged before the backup', async () => {
		const { hub, dataDir, kiosksAt } = await startTestHub();
		const { socket, hello } = await connect(hub.port, kiosksAt('shuanglong')[0]!.token);
		const next = numberedAs(hello);
		let writing = true;
		const acked: string[] = [];
		const writes = (async () => {
			while (writing) {
				const w = next();
				const r = await sendBatch(socket, [w]);
				if (r.ok && r.value[0]?.ok) acked.push(w.id);
			}
		})();
		await new Promise((r) => setTimeout(r, 200));
		const ackedBeforeBackup = [...acked];
		const file = await backupNow(hub.core.db, dataDir, 3);
		await new Promise((r) => setTimeout(r, 200));
		writing = false;
		await writes;
		expect(acked.length).toBeGreaterThan(ackedBeforeBackup.length);
		// Keeps only the newest N.
		for (let i = 0; i < 4; i++) await backupNow(hub.core.db, dataDir, 3);
		expect((await listBackups(dataDir)).length).toBe(3);
		const kept = await listBackups(dataDir);
		expect(kept).not.toContain(file);

		const backupFile = kept.at(-1)!;
		await closeHub(hub);
		const { safetyCopy } = await restoreBackup(join(dataDir, DB_FILE), backupFile);
		expect(safetyCopy).not.toBeNull();
		const restored = await startTestHub({ dataDir });
		for (const id of acked) {
			expect(await countRows(restored.hub, 'wishes', `id = '${id}'`)).toBe(1);
		}
		expect((await restored.healthz()).body.db).toBe('ok');
	});

	it('takes a backup beside the writes: a wish is acknowledged while a long backup is still copying', async () => {
		const { hub, dataDir, kiosksAt } = await startTestHub();
		// About 60 MB of filler, so copying takes far longer than committing one wish.
		await hub.core.db.exec(`CREATE TABLE filler (b BLOB);
			WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000)
			INSERT INTO filler SELECT randomblob(20000) FROM n;`);
		const { socket, hello } = await connect(hub.port, kiosksAt('shuanglong')[0]!.token);
		let backedUp = false;
		const backup = backupNow(hub.core.db, dataDir, 3).then((file) => {
			backedUp = true;
			return file;
		});
		// Wait until the copy is being written: the wish must go in while it is under way.
		await expect
			.poll(
				async () =>
					(await readdir(join(dataDir, BACKUP_DIR)).catch(() => [])).some((f) =>
						f.endsWith('.partial')
					),
				{ interval: 2 }
			)
			.toBe(true);
		const w = numberedAs(hello)();
		const r = await sendBatch(socket, [w]);
		expect(r.ok && r.value[0]?.ok).toBe(true);
		expect(backedUp).toBe(false);
		const file = await backup;
		const copy = await openDb(file);
		try {
			expect((await copy.get<{ n: number }>('SELECT count(*) AS n FROM filler'))?.n).toBe(3000);
		} finally {
			await copy.close();
		}
	});

	it('refuses to restore a file that is not a Wishwall database and leaves the current one untouched', async () => {
		const { hub, dataDir } = await startTestHub();
		const before = await countRows(hub, 'wishes');
		await closeHub(hub);
		const bogus = join(dataDir, 'bogus.sqlite');
		const other = await openDb(bogus);
		await other.exec(
			"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, checksum TEXT, applied_at INTEGER); INSERT INTO schema_migrations VALUES (1, '0001_other.sql', 'x', 0)"
		);
		await other.close();
		await expect(restoreBackup(join(dataDir, DB_FILE), bogus)).rejects.toThrow(/migration history/);
		const again = await startTestHub({ dataDir });
		expect(await countRows(again.hub, 'wishes')).toBe(before);
	});
});
