/**
 * createGroupCommit on a real SQLite file: batches form while a commit runs, and a durable batch
 * is announced while the next one is on the database thread, never out of commit order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../hub/db/sqlite.ts';
import { createGroupCommit, type GroupCommit } from '../../hub/infra/group-commit.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
	await cleanup?.();
	cleanup = null;
});

async function tempDb(): Promise<Db> {
	const dir = await mkdtemp(join(tmpdir(), 'wishwall-gc-'));
	const db = await openDb(join(dir, 'gc.sqlite'));
	await db.exec('CREATE TABLE items (name TEXT PRIMARY KEY NOT NULL)');
	cleanup = async () => {
		await db.close();
		await rm(dir, { recursive: true, force: true });
	};
	return db;
}

/**
 * A group commit that inserts names, logging when each batch's statement is handed to the
 * database and when each batch is announced. `during` runs once the first batch's statement is
 * on its way, as if more submissions arrived while it was written.
 */
function logged(db: Db, opts: { during?: () => void; refuse?: string } = {}) {
	const log: string[] = [];
	let batches = 0;
	let during = opts.during;
	const gc: GroupCommit<string, string> = createGroupCommit<string, string, string[]>({
		maxItems: 100,
		maxWaitMs: 0,
		async write(names) {
			const n = ++batches;
			log.push(`write ${n}: ${names.join(',')}`);
			const written = db.run(`INSERT INTO items (name) SELECT value FROM json_each(?)`, [
				JSON.stringify(names.map((x) => (x === opts.refuse ? null : x)))
			]);
			const more = during;
			during = undefined;
			more?.();
			await written;
			const results = names.map((x) => `stored ${x}`);
			return { results, announce: results };
		},
		announce(results) {
			log.push(`announce ${results.join(',')}`);
		}
	});
	return { gc, log };
}

describe('group commit', () => {
	it('announces a batch while the next one is written, and every batch in commit order', async () => {
		const db = await tempDb();
		const answered: string[] = [];
		const push = (name: string) =>
			gc.push(name).then((r) => {
				answered.push(r);
				return r;
			});
		let later: Promise<string>[] = [];
		const { gc, log } = logged(db, { during: () => (later = [push('b'), push('c')]) });

		await push('a');
		await Promise.all(later);
		expect(log).toEqual([
			'write 1: a',
			'write 2: b,c',
			// The first batch was durable before the second was written, and heard of only once the
			// second was on its way: the database did not wait for the broadcast and the answers.
			'announce stored a',
			'announce stored b,stored c'
		]);
		expect(answered).toEqual(['stored a', 'stored b', 'stored c']);
		const rows = await db.all<{ name: string }>('SELECT name FROM items ORDER BY name');
		expect(rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
	});

	it('announces a lone batch as soon as it is durable', async () => {
		const db = await tempDb();
		const { gc, log } = logged(db);
		expect(await gc.push('solo')).toBe('stored solo');
		expect(log).toEqual(['write 1: solo', 'announce stored solo']);
	});

	it('writes a failed batch again item by item, so only the refused item fails, and still announces the batch before', async () => {
		const db = await tempDb();
		let later: Promise<unknown>[] = [];
		// NOT NULL of the primary key: the second batch's statement fails as a whole.
		const { gc, log } = logged(db, {
			refuse: 'bad',
			during: () => (later = ['bad', 'b'].map((n) => gc.push(n).catch((e: unknown) => e)))
		});
		expect(await gc.push('a')).toBe('stored a');
		const [bad, b] = await Promise.all(later);
		expect(bad).toBeInstanceOf(Error);
		expect(b).toBe('stored b');
		expect(log).toEqual([
			'write 1: a',
			'write 2: bad,b',
			'announce stored a',
			'write 3: bad',
			'write 4: b',
			'announce stored b'
		]);
		const rows = await db.all<{ name: string }>('SELECT name FROM items ORDER BY name');
		expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
	});

	it('drains: resolves once everything pushed so far is committed and announced', async () => {
		const db = await tempDb();
		const { gc, log } = logged(db);
		const pushed = ['x', 'y', 'z'].map((n) => gc.push(n));
		await gc.drain();
		expect(log.filter((l) => l.startsWith('announce'))).toEqual([
			'announce stored x,stored y,stored z'
		]);
		expect(await Promise.all(pushed)).toEqual(['stored x', 'stored y', 'stored z']);
	});
});
