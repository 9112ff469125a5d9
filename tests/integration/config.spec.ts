/**
 * The environment is read in one place (hub/config.ts), and what it says reaches the running hub:
 * the number of backups kept applies to the automatic backups as much as to `npm run backup`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../hub/config.ts';
import { BACKUP_DIR } from '../../hub/infra/backups.ts';
import { startHub } from '../../hub/main.ts';
import { closeAll, tempDir, testConfig } from '../helpers/start-hub.ts';

afterEach(closeAll);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('configuration', () => {
	it('keeps as many automatic backups as WISHWALL_BACKUP_KEEP says', async () => {
		const dataDir = await tempDir();
		const fromEnv = configFromEnv({ WISHWALL_DATA: dataDir, WISHWALL_BACKUP_KEEP: '2' });
		expect(fromEnv.backupKeep).toBe(2);
		const hub = await startHub({
			...testConfig(dataDir),
			backupKeep: fromEnv.backupKeep,
			backupEveryMs: 150
		});
		try {
			const dir = join(dataDir, BACKUP_DIR);
			const seen = new Set<string>();
			const deadline = Date.now() + 10_000;
			while (seen.size < 4 && Date.now() < deadline) {
				for (const name of await readdir(dir).catch(() => [] as string[])) {
					if (name.endsWith('.sqlite')) seen.add(name);
				}
				await sleep(50);
			}
			expect(seen.size).toBeGreaterThanOrEqual(4);
			await sleep(300);
			const kept = (await readdir(dir)).filter((n) => n.endsWith('.sqlite'));
			expect(kept).toHaveLength(2);
		} finally {
			await hub.close();
		}
	});

	it('refuses a malformed phone limit or backup count at start, naming the variable', () => {
		expect(() => configFromEnv({ WISHWALL_PHONE_LIMIT: '100000/60x' })).toThrow(
			/WISHWALL_PHONE_LIMIT/
		);
		expect(() => configFromEnv({ WISHWALL_BACKUP_KEEP: 'many' })).toThrow(/WISHWALL_BACKUP_KEEP/);
		expect(configFromEnv({ WISHWALL_PHONE_LIMIT: '3/60' }).phoneLimit).toEqual({
			max: 3,
			windowMs: 60_000
		});
	});

	it('reads the kiosk +1 rule of the needs list, and refuses a cap of none', () => {
		expect(configFromEnv({}).needVotes).toEqual({});
		expect(
			configFromEnv({ WISHWALL_NEED_GAP_SECONDS: '10', WISHWALL_NEED_DAILY_CAP: '50' }).needVotes
		).toEqual({ kioskGapMs: 10_000, kioskDailyCap: 50 });
		expect(() => configFromEnv({ WISHWALL_NEED_DAILY_CAP: '0' })).toThrow(
			/WISHWALL_NEED_DAILY_CAP/
		);
		expect(() => configFromEnv({ WISHWALL_NEED_GAP_SECONDS: '-1' })).toThrow(
			/WISHWALL_NEED_GAP_SECONDS/
		);
	});
});

describe('npm start with a malformed variable', () => {
	it('stops before anything starts, naming the variable in one line', async () => {
		const { spawnSync } = await import('node:child_process');
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'hub/start.ts'], {
			env: {
				...process.env,
				WISHWALL_DATA: await tempDir(),
				PORT: '0',
				WISHWALL_PHONE_LIMIT: '100000/60x'
			},
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(r.status).toBe(1);
		expect(r.stderr.trim().split('\n')).toEqual([
			'Bad configuration: WISHWALL_PHONE_LIMIT must be <count>/<seconds>'
		]);
		expect(r.stdout).not.toContain('running');
	});
});
