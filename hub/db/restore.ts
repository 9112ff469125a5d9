/** Restoring a backup of the SQLite database: checked first, the current file kept aside. */
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BACKUP_DIR, exists, stamp } from '../infra/backups.ts';
import { migrate } from './migrate.ts';
import { openDb } from './sqlite.ts';

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
