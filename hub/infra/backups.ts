/**
 * Online backups: a consistent copy of the live database into <data>/backups, keeping the newest
 * N, now and on a schedule while the hub runs. The copy itself is the store's (Store.backup);
 * restoring one is the engine's (hub/db/restore.ts).
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^wishwall-\d{8}-\d{6}(-\d+)?\.sqlite$/;

export function stamp(at: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
}

export async function listBackups(dataDir: string): Promise<string[]> {
	const dir = join(dataDir, BACKUP_DIR);
	const names = await readdir(dir).catch(() => [] as string[]);
	// Oldest first: by timestamp, then by the same-second suffix (none counts as 0).
	const key = (n: string) => {
		const m = /^wishwall-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$/.exec(n)!;
		return [m[1]!, Number(m[2] ?? 0)] as const;
	};
	return names
		.filter((n) => BACKUP_NAME.test(n))
		.sort((a, b) => {
			const [sa, na] = key(a);
			const [sb, nb] = key(b);
			return sa < sb ? -1 : sa > sb ? 1 : na - nb;
		})
		.map((n) => join(dir, n));
}

/** Writes a timestamped copy (UTC in the name) and deletes all but the newest `keep`. */
export async function backupNow(
	db: { backup(destination: string): Promise<void> },
	dataDir: string,
	keep = 14,
	now = new Date()
): Promise<string> {
	const dir = join(dataDir, BACKUP_DIR);
	await mkdir(dir, { recursive: true });
	let file = join(dir, `wishwall-${stamp(now)}.sqlite`);
	// Two backups in one second (tests, a manual run beside the daily one) get distinct names.
	for (let i = 1; await exists(file); i++) file = join(dir, `wishwall-${stamp(now)}-${i}.sqlite`);
	const partial = `${file}.partial`;
	await db.backup(partial);
	await rename(partial, file);
	const all = await listBackups(dataDir);
	for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(old, { force: true });
	return file;
}

export async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

/** A backup now if the newest is older than the interval, then one every interval; returns stop. */
export function scheduleBackups(
	db: { backup(destination: string): Promise<void> },
	dataDir: string,
	everyMs: number,
	keep: number
): () => void {
	if (everyMs <= 0) return () => undefined;
	const run = () =>
		backupNow(db, dataDir, keep).catch((err: unknown) =>
			console.error('automatic backup failed', err)
		);
	const first = setTimeout(() => {
		void listBackups(dataDir).then(async (all) => {
			const newest = all.at(-1);
			const age = newest ? Date.now() - (await stat(newest)).mtimeMs : Infinity;
			if (age >= everyMs) await run();
		});
	}, 5_000);
	const timer = setInterval(() => void run(), everyMs);
	first.unref();
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
