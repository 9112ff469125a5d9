/** `npm run restore <file>`: replace the database with a backup; the hub must be stopped. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromEnv } from '../config.ts';
import { DB_FILE } from '../db/store.ts';
import { restoreBackup } from '../db/restore.ts';
import { listBackups } from '../infra/backups.ts';
import { runningHub } from './pid.ts';

const config = configFromEnv();
const arg = process.argv[2];
if (!arg) {
	const backups = await listBackups(config.dataDir);
	console.error('Usage: npm run restore <backup file>');
	console.error(backups.length ? `Backups:\n  ${backups.join('\n  ')}` : 'No backups found.');
	process.exit(2);
}
const file = resolve(arg);
if (!existsSync(file)) {
	console.error(`No such file: ${file}`);
	process.exit(2);
}
const pid = runningHub(config.dataDir);
if (pid !== null) {
	console.error(
		`The hub is running (pid ${pid}) on ${config.dataDir}. Stop it first (Ctrl-C), then restore.`
	);
	process.exit(1);
}
try {
	const { safetyCopy } = await restoreBackup(join(config.dataDir, DB_FILE), file);
	console.log(`Restored ${file}.`);
	if (safetyCopy) console.log(`The database it replaced is kept at ${safetyCopy}.`);
} catch (err) {
	console.error(`Restore refused: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
