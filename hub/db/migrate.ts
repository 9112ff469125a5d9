/**
 * Forward-only migrations: numbered .sql files applied in order and recorded with a checksum.
 * A database whose recorded history does not match the files is refused, never "repaired".
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './sqlite.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface MigrationFile {
	version: number;
	name: string;
	sql: string;
	checksum: string;
}

export class MigrationMismatchError extends Error {
	constructor(detail: string) {
		super(
			`The database's migration history does not match hub/db/migrations: ${detail}. ` +
				'Refusing to start. Restore a backup made by this version, or run the version that wrote this database.'
		);
		this.name = 'MigrationMismatchError';
	}
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
	const names = (await readdir(dir)).filter((n) => /^\d{4}_[\w-]+\.sql$/.test(n)).sort();
	return Promise.all(
		names.map(async (name) => {
			const sql = await readFile(join(dir, name), 'utf8');
			return {
				version: Number(name.slice(0, 4)),
				name,
				sql,
				checksum: createHash('sha256').update(sql).digest('hex')
			};
		})
	);
}

interface AppliedRow {
	version: number;
	name: string;
	checksum: string;
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
	await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		checksum TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	)`);
	const files = await readMigrations(dir);
	const applied = await db.all<AppliedRow>(
		'SELECT version, name, checksum FROM schema_migrations ORDER BY version'
	);
	for (const [i, row] of applied.entries()) {
		const file = files[i];
		if (!file) throw new MigrationMismatchError(`${row.name} is recorded but no such file exists`);
		if (file.version !== row.version || file.name !== row.name) {
			throw new MigrationMismatchError(`recorded ${row.name} where the files have ${file.name}`);
		}
		if (file.checksum !== row.checksum) {
			throw new MigrationMismatchError(`${row.name} was changed after it was applied`);
		}
	}
	const pending = files.slice(applied.length);
	for (const file of pending) {
		await db.transaction(async (tx) => {
			await tx.exec(file.sql);
			await tx.run(
				'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
				[file.version, file.name, file.checksum, Date.now()]
			);
		});
	}
	return pending.map((f) => f.name);
}
