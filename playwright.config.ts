import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium where it exists; elsewhere Playwright's own (`npx playwright install`). */
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => resolve(port));
		});
	});
}

// Set once in the runner process; workers inherit the environment, so all agree on one hub.
process.env.WISHWALL_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'wishwall-e2e-'));
process.env.WISHWALL_E2E_PORT ??= String(await freePort());
const port = Number(process.env.WISHWALL_E2E_PORT);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		// Each fresh context would install the kiosk's service worker and download the whole app
		// shell; only the offline test needs it (it allows it), the rest run faster without.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: 'npx tsx hub/start.ts',
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			WISHWALL_DATA: process.env.WISHWALL_E2E_DATA,
			PUBLIC_URL: `http://localhost:${port}`,
			// Every test comes from 127.0.0.1 and the fuzz alone posts hundreds of wrong sign-ins and
			// unknown codes: the per-address limits stay on, far above what the suite does.
			WISHWALL_SIGNIN_IP_LIMIT: '10000/900',
			WISHWALL_CODE_IP_LIMIT: '10000/600'
		}
	}
});
