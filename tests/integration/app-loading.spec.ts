/**
 * The hub listens before the app's server bundle has loaded (kiosks reconnecting after a crash
 * need only the socket); page requests that arrive sooner wait for it, and a bundle that fails to
 * load costs the pages, not the kiosks.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, connectKiosk, startTestHub, tempDir } from '../helpers/start-hub.ts';

afterEach(closeAll);

/** A build folder whose handler.js is `source` (an ES module, as adapter-node's is). */
async function fakeBuild(source: string): Promise<string> {
	const dir = join(await tempDir(), 'build');
	await mkdir(dir);
	await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
	await writeFile(join(dir, 'handler.js'), source);
	return dir;
}

async function start(buildDir: string) {
	const test = await startTestHub({ buildDir });
	return { ...test, url: `http://127.0.0.1:${test.hub.port}` };
}

describe('loading the app', () => {
	it('listens and serves kiosks before the app has loaded; a page asked for meanwhile waits for it', async () => {
		const build = await fakeBuild(`
			await new Promise((resolve) => setTimeout(resolve, 1500));
			globalThis.__wishwallAppLoadedAt = Date.now();
			export const handler = (req, res) => res.end('page ' + req.url);
		`);
		const { hub, url } = await start(build);
		const listeningAt = Date.now();
		const page = fetch(`${url}/kiosk/x`).then(async (r) => ({
			status: r.status,
			body: await r.text(),
			at: Date.now()
		}));
		const kiosk = hub.core.demoKiosks[0]!;
		const { socket } = await connectKiosk(hub, kiosk.token);
		expect(socket.connected).toBe(true);
		const helloAt = Date.now();

		const answered = await page;
		const loadedAt = (globalThis as { __wishwallAppLoadedAt?: number }).__wishwallAppLoadedAt!;
		expect(listeningAt).toBeLessThan(loadedAt);
		expect(helloAt).toBeLessThan(loadedAt);
		expect(answered).toMatchObject({ status: 200, body: 'page /kiosk/x' });
		expect(answered.at).toBeGreaterThanOrEqual(loadedAt);
	});

	it('answers pages with 500 when the app fails to load, and keeps serving kiosks and health', async () => {
		const build = await fakeBuild(`throw new Error('a broken build');`);
		const { hub, url, healthz } = await start(build);
		const res = await fetch(`${url}/desk`);
		expect(res.status).toBe(500);
		expect(await res.text()).toContain('页面程序没有加载成功');
		expect((await healthz()).status).toBe(200);
		const { socket } = await connectKiosk(hub, hub.core.demoKiosks[0]!.token);
		expect(socket.connected).toBe(true);
	});
});
