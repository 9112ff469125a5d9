import { expect, test } from '@playwright/test';
import type { Hub } from '../../hub/main.ts';
import type { Submitter } from '../../hub/services/wishes/service.ts';
import { DEVICE_COOKIE } from '../../shared/protocol.ts';
import { makeWish, SECRET_NAME, SECRET_PHONE } from '../helpers/wishes.ts';
import { privateHub } from './desk-helpers.ts';
import { collectErrors, PORTRAIT } from './kiosk-helpers.ts';

/**
 * A kiosk that has opened its page once keeps its device token as an HttpOnly cookie too, so when
 * it boots again the server draws its wall with the page and the live kiosk takes that page over.
 * A hub of this test's own: the test submits wishes through the wish service and watches the wall.
 */
let own: Awaited<ReturnType<typeof privateHub>>;
let hub: Hub;

test.beforeAll(async () => {
	own = await privateHub();
	hub = own.hub;
});

test.afterAll(() => own?.close());

async function submitter(site: string): Promise<Submitter> {
	const k = (await hub.core.db.get<{ id: number; site_id: number }>(
		'SELECT k.id, k.site_id FROM kiosks k JOIN sites s ON s.id = k.site_id WHERE s.slug = ? ORDER BY k.id LIMIT 1',
		[site]
	))!;
	return { siteId: k.site_id, kioskId: k.id, channel: 'kiosk', actor: 'test' };
}

test('a kiosk that opened its page once boots with its wall drawn by the server, and the wall stays live', async ({
	browser
}) => {
	const [kiosk] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
	const base = hub.localUrl;
	const by = await submitter('shuanglong');
	const before = makeWish('BT', 1, { text: `开机前就在墙上的心愿 ${Date.now()}` });
	expect((await hub.core.wishes.submit(by, before)).ok).toBe(true);

	const ctx = await browser.newContext({ viewport: PORTRAIT });
	const page = await ctx.newPage();
	await page.goto(`${base}/kiosk/shuanglong#device=${kiosk!.token}`);
	await expect(page.getByTestId('wish-card').filter({ hasText: before.text })).toBeVisible();
	// The page handed its token over: an HttpOnly cookie, sent only to this kiosk's own page.
	await expect
		.poll(async () => (await ctx.cookies()).find((c) => c.name === DEVICE_COOKIE))
		.toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/kiosk/shuanglong' });

	// What the server sends a booting kiosk: the wall itself, with no contact and no token in it.
	const html = await (await ctx.request.get(`${base}/kiosk/shuanglong`)).text();
	expect(html).not.toContain('data-testid="wall-frame"');
	expect(html).toContain('data-testid="wish-card"');
	expect(html).toContain(before.text);
	expect(html).toContain('data-testid="counter-wishes"');
	for (const secret of [SECRET_NAME, SECRET_PHONE, kiosk!.token])
		expect(html).not.toContain(secret);

	// A reboot: the address without the token, the page from the server, then the live kiosk.
	const errors = collectErrors(page);
	await page.goto(`${base}/kiosk/shuanglong`);
	await expect(page.getByTestId('wish-card').filter({ hasText: before.text })).toBeVisible();
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
	const after = makeWish('BT', 2, { text: `开机后才提交的心愿 ${Date.now()}` });
	expect((await hub.core.wishes.submit(by, after)).ok).toBe(true);
	await expect(page.getByTestId('wish-card').filter({ hasText: after.text })).toBeVisible({
		timeout: 3_000
	});
	await expect(page.getByTestId('wish-card').filter({ hasText: before.text })).toHaveCount(1);
	// Still a kiosk: its ways in work after taking the server's page over.
	await page.getByTestId('start-wish').click();
	await expect(page.getByTestId('category-repair')).toBeVisible();
	expect(errors).toEqual([]);
	await ctx.close();
});

test('the device cookie is given only for a token of a kiosk of that site, and a bad one is dropped', async ({
	request
}) => {
	const base = hub.localUrl;
	const [own] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
	const other = hub.core.demoKiosks.find((k) => k.site !== 'shuanglong')!;
	const post = (data: unknown) => request.post(`${base}/kiosk/shuanglong/device`, { data });

	for (const [data, status] of [
		[{ token: other.token }, 401],
		[{ token: 'x'.repeat(40) }, 401],
		[{ token: 'short' }, 400],
		[{ token: own!.token, extra: 1 }, 400],
		['not an object', 400]
	] as const) {
		const res = await post(data);
		expect(res.status(), JSON.stringify(data)).toBe(status);
		expect(res.headers()['set-cookie'], JSON.stringify(data)).toBeUndefined();
	}
	// A cookie that names no kiosk of this site draws only the frame, and is cleared.
	for (const token of ['x'.repeat(40), other.token]) {
		const res = await request.get(`${base}/kiosk/shuanglong`, {
			headers: { cookie: `${DEVICE_COOKIE}=${token}` }
		});
		const html = await res.text();
		expect(html).toContain('data-testid="wall-frame"');
		expect(html).not.toContain('data-testid="wish-card"');
		expect(res.headers()['set-cookie']).toMatch(new RegExp(`^${DEVICE_COOKIE}=;`));
	}

	// Last: this request context keeps the cookie it is given.
	const ok = await post({ token: own!.token });
	expect(ok.status()).toBe(204);
	const cookie = ok.headers()['set-cookie'] ?? '';
	expect(cookie).toMatch(new RegExp(`^${DEVICE_COOKIE}=`));
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/SameSite=Strict/i);
	expect(cookie).toMatch(/Path=\/kiosk\/shuanglong/);
});

test('a kiosk that has never heard from the hub does not say its wall is empty', async ({
	browser
}) => {
	const [kiosk] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
	const ctx = await browser.newContext({ viewport: PORTRAIT });
	const page = await ctx.newPage();
	// The hub's page loads, its socket never gets through; the device has no saved wall yet.
	await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
	await page.goto(`${hub.localUrl}/kiosk/shuanglong#device=${kiosk!.token}`);
	await expect(page.getByTestId('banner-offline')).toBeVisible({ timeout: 10_000 });
	await expect(page.getByTestId('wall-cards')).toBeVisible();
	await expect(page.getByText('这里还没有心愿')).toHaveCount(0);
	await ctx.close();
});

test('a browser enrolled again as another kiosk of the site hands the new token over', async ({
	browser
}) => {
	const [a, b] = hub.core.demoKiosks.filter((k) => k.site === 'shuanglong');
	const ctx = await browser.newContext({ viewport: PORTRAIT });
	const page = await ctx.newPage();
	const cookie = async () =>
		(await ctx.cookies()).find((c) => c.name === DEVICE_COOKIE)?.value ?? null;
	await page.goto(`${hub.localUrl}/kiosk/shuanglong#device=${a!.token}`);
	await expect.poll(cookie).toBe(a!.token);
	// The page comes drawn for kiosk A (its cookie), but the address says this is now kiosk B.
	const errors = collectErrors(page);
	// Away first: the same address with only another fragment would not load the page again.
	await page.goto('about:blank');
	await page.goto(`${hub.localUrl}/kiosk/shuanglong#device=${b!.token}`);
	await expect.poll(cookie).toBe(b!.token);
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
	await page.getByTestId('start-wish').click();
	await expect(page.getByTestId('category-repair')).toBeVisible();
	expect(errors.filter((e) => !/hydration/i.test(e))).toEqual([]);
	await ctx.close();
});
