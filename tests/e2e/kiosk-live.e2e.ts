import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHub, type Hub } from '../../hub/main.ts';
import { makeWish } from '../helpers/wishes.ts';
import { LANDSCAPE, PORTRAIT, shotPath } from './kiosk-helpers.ts';

/**
 * A hub of this test's own, in this process, so the test can change a wish through the wish
 * service (the same act() the desk and the claim page use) and watch the walls follow.
 */
let hub: Hub;
let dataDir: string;

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'wishwall-live-'));
	hub = await startHub({
		port: 0,
		host: '127.0.0.1',
		dataDir,
		publicUrl: null,
		demo: true,
		tls: null,
		buildDir: resolve(process.env.WISHWALL_BUILD ?? 'build')
	});
});

test.afterAll(async () => {
	await hub?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

test('a wish submitted on kiosk A appears on kiosk B, and claim and fulfilment from the hub update its card with a celebration', async ({
	browser
}) => {
	const [a, b] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
	const base = hub.localUrl;
	const ctxA = await browser.newContext({ viewport: PORTRAIT });
	const ctxB = await browser.newContext({ viewport: LANDSCAPE });
	const pageA = await ctxA.newPage();
	const pageB = await ctxB.newPage();
	await pageA.goto(`${base}/kiosk/shuanglong#device=${a!.token}`);
	await pageB.goto(`${base}/kiosk/shuanglong?page=60#device=${b!.token}`);
	// A loaded CI machine may take a while to start two browsers and a hub.
	await expect(pageB.getByTestId('counter-wishes')).not.toHaveText('—', { timeout: 15_000 });

	const text = `请帮忙修一下院坝的路灯 ${Date.now()}`;
	await pageA.getByTestId('start-wish').click();
	await pageA.getByTestId('category-lights').click();
	await pageA.getByTestId('wish-text').fill(text);
	await pageA.getByTestId('next').click();
	await pageA.getByTestId('submit').click();
	await expect(pageA.getByTestId('ticket')).toBeVisible();

	// B turns to the page where the new card is, within a second or two.
	const card = pageB.getByTestId('wish-card').filter({ hasText: text });
	await expect(card).toBeVisible({ timeout: 3_000 });
	await expect(card).toHaveAttribute('data-status', 'open');
	await expect(card.getByRole('img', { name: '党员扫码认领' })).toBeVisible();
	const wishId = (await card.getAttribute('data-wish-id'))!;

	const member = (await hub.core.db.get<{ id: number; display_name: string }>(
		'SELECT id, display_name FROM members ORDER BY id LIMIT 1'
	))!;
	const claimed = await hub.core.wishes.act({
		wishId,
		action: 'claim',
		actor: `member:${member.id}`,
		patch: { member_id: member.id }
	});
	expect(claimed.ok).toBe(true);
	await expect(card).toHaveAttribute('data-status', 'claimed', { timeout: 3_000 });
	await expect(card).toContainText(`${member.display_name} 已认领`);
	await expect(card.getByRole('img', { name: '党员扫码认领' })).toHaveCount(0);

	const resolved = await hub.core.wishes.act({
		wishId,
		action: 'resolve',
		actor: `member:${member.id}`
	});
	expect(resolved.ok).toBe(true);
	await expect(card).toHaveAttribute('data-status', 'resolved', { timeout: 3_000 });
	await expect(pageB.getByTestId('celebration')).toBeVisible();
	await pageB.screenshot({ path: shotPath('wall-celebration-landscape') });
	await Promise.all([ctxA.close(), ctxB.close()]);
});

test('a wall with more cards than fit pages through them by itself instead of scrolling, and shows voice wishes with a badge', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const kiosk = hub.core.demoKiosks.find((k) => k.site === 'tieshiya')!;
	const found = (await hub.core.kiosks.authenticate(kiosk.token))!;
	const by = {
		siteId: found.site.id,
		kioskId: found.kiosk.id,
		channel: 'kiosk' as const,
		actor: `kiosk:${found.kiosk.id}`
	};
	const prefix = found.kiosk.ticket_prefix;
	for (let i = 0; i < 24; i++) {
		const voice = i === 23 ? { durationMs: 18_000, mime: 'audio/webm' as const } : null;
		const r = await hub.core.wishes.submit(
			by,
			makeWish(prefix, 5000 + i, { text: voice ? '' : `分页测试心愿 ${i}`, voice })
		);
		expect(r.ok).toBe(true);
	}
	for (const viewport of [PORTRAIT, LANDSCAPE]) {
		const ctx = await browser.newContext({ viewport });
		const page = await ctx.newPage();
		// First a page that stays put (10 min per page) to look at page 1.
		await page.goto(`${hub.localUrl}/kiosk/tieshiya?page=600#device=${kiosk.token}`);
		const cards = page.getByTestId('wall-cards');
		await expect(page.getByTestId('wish-card').first()).toBeVisible({ timeout: 15_000 });
		await expect(page.getByTestId('voice-badge').first()).toHaveText(/语音心愿 · 18 秒/);
		const pages = Number(await cards.getAttribute('data-pages'));
		expect(pages).toBeGreaterThan(1);
		await expect(page.getByTestId('wall-pager')).toContainText(`第 1 / ${pages} 页`);
		// Everything on the page fits: nothing to scroll, inside the wall or the window.
		const fit = await cards.evaluate((el) => ({
			inner: el.scrollHeight <= el.clientHeight + 1,
			outer: document.documentElement.scrollHeight <= window.innerHeight + 1
		}));
		expect(fit).toEqual({ inner: true, outer: true });
		// Then 2 s per page: it turns by itself.
		await page.goto(`${hub.localUrl}/kiosk/tieshiya?page=2`);
		await expect(page.getByTestId('wish-card').first()).toBeVisible();
		// The page number and its cards, read at one instant; then the next page's cards.
		const shown = () =>
			cards.evaluate((el) => ({
				page: el.dataset.page!,
				ids: [...el.querySelectorAll('[data-wish-id]')].map((c) => c.getAttribute('data-wish-id'))
			}));
		const first = await shown();
		await expect(cards).not.toHaveAttribute('data-page', first.page, { timeout: 4_000 });
		const next = await shown();
		expect(next.ids.length).toBeGreaterThan(0);
		expect(next.ids.some((id) => first.ids.includes(id))).toBe(false);
		await page.screenshot({
			path: shotPath(`wall-${viewport.width}x${viewport.height}`)
		});
		await ctx.close();
	}
});

test('the wall says clearly when the hub is out of reach, and again when it is back', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const kiosk = hub.core.demoKiosks.find((k) => k.site === 'shifang')!;
	const ctx = await browser.newContext({ viewport: LANDSCAPE });
	const page = await ctx.newPage();
	await page.goto(`${hub.localUrl}/kiosk/shifang#device=${kiosk.token}`);
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—', { timeout: 15_000 });
	await expect(page.getByTestId('banner-offline')).toHaveCount(0);

	const port = hub.port;
	await hub.close();
	await expect(page.getByTestId('banner-offline')).toContainText('网络断开了', { timeout: 15_000 });
	await page.screenshot({ path: shotPath('wall-offline-landscape') });

	hub = await startHub({
		port,
		host: '127.0.0.1',
		dataDir,
		publicUrl: null,
		demo: true,
		tls: null,
		buildDir: resolve(process.env.WISHWALL_BUILD ?? 'build')
	});
	await expect(page.getByTestId('banner-online')).toContainText('网络已恢复', { timeout: 30_000 });
	await expect(page.getByTestId('banner-offline')).toHaveCount(0);
	await ctx.close();
});
