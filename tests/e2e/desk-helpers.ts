/** Helpers for the desk's browser tests: signing in, and a private hub in the test process. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { IpLimits } from '../../hub/config.ts';
import { startHub, type Hub } from '../../hub/main.ts';

export const DESK_VIEWPORT = { width: 1440, height: 900 };
export const ADMIN_PASSWORD = 'e2e-admin-password';

export async function signInDesk(
	page: Page,
	base: string,
	username: string,
	password: string
): Promise<void> {
	await page.goto(`${base}/desk`);
	await expect(page).toHaveURL(/\/desk\/login/);
	await page.getByTestId('login-username').fill(username);
	await page.getByTestId('login-password').fill(password);
	await page.getByTestId('login-submit').click();
	await expect(page.getByTestId('desk-who')).toBeVisible();
}

/**
 * A hub of its own for tests that need a known admin password or a hand-made dataset: same build
 * as the shared e2e hub, its own temp folder and port. The SvelteKit app in this process reaches
 * this hub through the same accessor main.ts sets.
 */
export async function privateHub(
	opts: { demo: boolean; ipLimits?: IpLimits } = { demo: true }
): Promise<{ hub: Hub; base: string; close(): Promise<void> }> {
	const dataDir = await mkdtemp(join(tmpdir(), 'wishwall-desk-e2e-'));
	const hub = await startHub({
		port: 0,
		host: '127.0.0.1',
		dataDir,
		publicUrl: null,
		demo: opts.demo,
		tls: null,
		buildDir: resolve(process.env.WISHWALL_BUILD ?? 'build'),
		adminPassword: ADMIN_PASSWORD,
		...(opts.ipLimits ? { ipLimits: opts.ipLimits } : {})
	});
	return {
		hub,
		base: `http://127.0.0.1:${hub.port}`,
		async close() {
			await hub.close();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
