/** `npm run backup`: an online backup of the data folder's database, safe while the hub runs. */
import { join } from 'node:path';
import { configFromEnv, DEFAULT_BACKUP_KEEP } from '../config.ts';
import { DB_FILE } from '../db/store.ts';
import { openDb } from '../db/sqlite.ts';
import { backupNow } from '../infra/backups.ts';

const config = configFromEnv();
const keep = config.backupKeep ?? DEFAULT_BACKUP_KEEP;
const db = await openDb(join(config.dataDir, DB_FILE));
try {
	const file = await backupNow(db, config.dataDir, keep);
	console.log(`Backup written: ${file} (keeping the newest ${keep}).`);
} finally {
	await db.close();
}
