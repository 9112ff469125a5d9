/**
 * Online backups: a consistent copy of the live database (VACUUM INTO) into <data>/backups,
 * keeping the newest N; and restore, which checks the copy before it replaces anything.
 */
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { migrate } from '../db/migrate.ts';
import { openDb, type Db } from '../db/sqlite.ts';

export const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^wishwall-\d{8}-\d{6}(-\d+)?\.sqlite$/;

function stamp(at: Date): string {
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
	db: Db,
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

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

/**
 * Replaces the database file with a backup. The hub must be stopped. The backup is checked first
 * (integrity and migration history); the current database is kept as a safety copy.
 */
export async function restoreBackup(
	dbFile: string,
	backupFile: string
): Promise<{ safetyCopy: string | null }> {
	// Work on a copy, so the backup itself is never modified and a failed check leaves no trace.
	const incoming = `${dbFile}.restoring`;
	await copyFile(backupFile, incoming);
	try {
		const check = await openDb(incoming);
		try {
			const rows = await check.all<{ integrity_check: string }>('PRAGMA integrity_check');
			const verdict = rows[0]?.integrity_check;
			if (verdict !== 'ok') throw new Error(`${basename(backupFile)} is damaged: ${verdict}`);
			// Refuses a backup from another history; brings an older one up to this version.
			await migrate(check);
			await check.exec('PRAGMA wal_checkpoint(TRUNCATE)');
		} finally {
			await check.close();
		}
	} catch (err) {
		await rm(incoming, { force: true });
		await rm(`${incoming}-wal`, { force: true });
		await rm(`${incoming}-shm`, { force: true });
		throw err;
	}
	let safetyCopy: string | null = null;
	if (await exists(dbFile)) {
		const dir = join(dirname(dbFile), BACKUP_DIR);
		await mkdir(dir, { recursive: true });
		safetyCopy = join(dir, `pre-restore-${stamp(new Date())}.sqlite`);
		const current = await openDb(dbFile);
		try {
			await current.backup(safetyCopy);
		} finally {
			await current.close();
		}
	}
	await rm(`${dbFile}-wal`, { force: true });
	await rm(`${dbFile}-shm`, { force: true });
	await rename(incoming, dbFile);
	return { safetyCopy };
}
