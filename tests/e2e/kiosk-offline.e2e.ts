/**
 * Never lose a wish: a kiosk that loses the hub keeps taking wishes, prints their slips
 * marked 待同步, survives a reload while offline (the service worker serves the app), and delivers
 * every wish exactly once when the link comes back.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	expect,
	test,
	type BrowserContext,
	type Page,
	type WebSocketRoute
} from '@playwright/test';
import { fakeMicLaunch } from './fake-mic.ts';
import { kioskUrl, twoKiosksOfOneSite } from './fixtures.ts';
import { hubDb, PORTRAIT, shotPath, wishByTicket } from './kiosk-helpers.ts';

test.use({
	viewport: PORTRAIT,
	launchOptions: fakeMicLaunch(),
	serviceWorkers: 'allow'
});

/**
 * Cuts the kiosk off the hub. Chromium's offline emulation stops HTTP (and the service worker's
 * fetches) but leaves an open WebSocket alone, so the socket goes through a route this test can
 * sever, as a dropped rural link would.
 */
async function severableLink(context: BrowserContext) {
	let offline = false;
	const open = new Set<WebSocketRoute>();
	await context.routeWebSocket(/\/socket\.io\//, (ws) => {
		if (offline) {
			void ws.close().catch(() => undefined);
			return;
		}
		ws.connectToServer();
		open.add(ws);
		ws.onClose(() => open.delete(ws));
	});
	return {
		async down() {
			offline = true;
			await context.setOffline(true);
			await Promise.all([...open].map((ws) => ws.close().catch(() => undefined)));
		},
		async up() {
			offline = false;
			await context.setOffline(false);
		}
	};
}

/** The slip is printed with window.print(); count the calls instead of opening a dialog. */
async function countPrints(context: BrowserContext) {
	await context.addInitScript(() => {
		const w = window as unknown as { __prints: number };
		w.__prints = 0;
		window.print = () => {
			w.__prints += 1;
		};
	});
	return (page: Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);
}

async function typedWish(page: Page, text: string): Promise<string> {
	await page.getByTestId('start-wish').click();
	await page.getByTestId('category-education').click();
	await page.getByTestId('wish-text').fill(text);
	await page.getByTestId('next').click();
	await page.getByTestId('submit').click();
	return finish(page);
}

async function voiceWish(page: Page): Promise<string> {
	await page.getByTestId('start-wish').click();
	await page.getByTestId('category-care').click();
	await page.getByTestId('record').click();
	await expect(page.getByTestId('record-clock')).toBeVisible();
	await page.waitForTimeout(1_500);
	await page.getByTestId('record').click();
	await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'confirm');
	await page.getByTestId('submit').click();
	return finish(page);
}

/** The done screen: a ticket, marked 待同步, and the slip sent to the printer. */
async function finish(page: Page): Promise<string> {
	await expect(page.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
	await expect(page.getByTestId('pending-sync')).toContainText('待同步');
	await expect(page.getByTestId('slip')).toContainText('待同步');
	const ticket = (await page.getByTestId('ticket').textContent())!.trim();
	// The resident takes the slip before leaving: the print has finished.
	await expect(page.getByTestId('print-status')).toContainText('凭小票');
	await page.getByTestId('home').click();
	await expect(page.getByTestId('wall-cards')).toBeVisible();
	return ticket;
}

test('an offline kiosk takes 5 wishes (2 by voice), reloads offline, prints every slip, and delivers each exactly once when the link is back', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const [kiosk, other] = twoKiosksOfOneSite();
	const context = await browser.newContext({ viewport: PORTRAIT, serviceWorkers: 'allow' });
	const prints = await countPrints(context);
	const link = await severableLink(context);
	const page = await context.newPage();
	await page.goto(kioskUrl(kiosk));
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
	// The service worker has taken over and holds this kiosk page for a reboot without the hub.
	await expect
		.poll(() =>
			page.evaluate(async () =>
				navigator.serviceWorker.controller
					? Boolean(await caches.match(location.origin + location.pathname))
					: false
			)
		)
		.toBe(true);
	// Let the wall snapshot reach IndexedDB (saved a moment after the catch-up).
	await page.waitForTimeout(2_500);

	await link.down();
	await expect(page.getByTestId('banner-offline')).toBeVisible({ timeout: 20_000 });

	const stamp = Date.now().toString(36);
	const texts = [`离线心愿一 ${stamp}`, `离线心愿二 ${stamp}`, `离线心愿三 ${stamp}`];
	const tickets: string[] = [];
	tickets.push(await typedWish(page, texts[0]!));
	tickets.push(await voiceWish(page));
	tickets.push(await typedWish(page, texts[1]!));
	await expect(page.getByTestId('queued-count')).toContainText('3');

	// A reboot while the hub is unreachable: the app still opens, with its last wall and a banner.
	await page.reload();
	await expect(page.getByTestId('banner-offline')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
	await expect(page.getByTestId('queued-count')).toContainText('3');
	await page.screenshot({ path: shotPath('offline-wall-portrait') });
	tickets.push(await voiceWish(page));
	tickets.push(await typedWish(page, texts[2]!));
	await page.screenshot({ path: shotPath('offline-wall-after-portrait') });
	expect(await prints(page)).toBe(2); // since the reload; the first three printed before it
	expect(new Set(tickets).size).toBe(5);
	for (const t of tickets) expect(await wishByTicket(t)).toBeUndefined();

	// Another wall of the site, online all along, to see the wishes arrive.
	const wallContext = await browser.newContext({ viewport: PORTRAIT });
	const wall = await wallContext.newPage();
	await wall.goto(kioskUrl(other));
	await expect(wall.getByTestId('counter-wishes')).not.toHaveText('—');

	await link.up();
	await expect(page.getByTestId('banner-online')).toBeVisible({ timeout: 30_000 });
	const db = await hubDb();
	await expect
		.poll(
			async () =>
				(
					await db.get<{ n: number }>(
						`SELECT count(*) AS n FROM wishes WHERE ticket_no IN (${tickets.map(() => '?').join(',')})`,
						tickets
					)
				)?.n,
			{ timeout: 30_000 }
		)
		.toBe(5);
	for (const t of tickets) {
		const rows = await db.all<{ id: string; voice_ms: number | null }>(
			'SELECT id, voice_ms FROM wishes WHERE ticket_no = ?',
			[t]
		);
		expect(rows, `ticket ${t} stored once`).toHaveLength(1);
		const events = await db.get<{ n: number }>(
			"SELECT count(*) AS n FROM events WHERE wish_id = ? AND type = 'wish:submitted'",
			[rows[0]!.id]
		);
		expect(events?.n, `ticket ${t} announced once`).toBe(1);
	}
	// Both voice clips made it to the hub with their wishes.
	for (const t of [tickets[1]!, tickets[3]!]) {
		const w = await wishByTicket(t);
		expect(w?.voice_ms).toBeGreaterThan(500);
		const dir = join(process.env.WISHWALL_E2E_DATA!, 'voice');
		expect(
			existsSync(join(dir, `${w!.id}.webm`)) || existsSync(join(dir, `${w!.id}.ogg`)),
			`clip of ${t}`
		).toBe(true);
	}
	await expect(page.getByTestId('queued-count')).toHaveCount(0);
	for (const text of texts) {
		await expect(page.getByText(text)).toHaveCount(1);
		await expect(wall.getByText(text)).toHaveCount(1);
	}
	await wallContext.close();
	await context.close();
});
