import { expect, test } from '@playwright/test';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { twoKiosksOfOneSite, kioskUrl } from './fixtures.ts';
import { shotPath } from './kiosk-helpers.ts';
import { DESK_VIEWPORT, signInDesk } from './desk-helpers.ts';

test('a report typed on a kiosk reaches the desk live with its clock; dispatching it shows on the wall and the track page', async ({
	browser,
	baseURL
}) => {
	const [a, b] = twoKiosksOfOneSite();
	const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
	const kiosk = await (
		await browser.newContext({ viewport: { width: 1080, height: 1920 } })
	).newPage();
	const wall = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	await signInDesk(desk, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await expect(desk.getByTestId('connection')).toHaveAttribute('data-state', 'online');
	await Promise.all([kiosk.goto(kioskUrl(a)), wall.goto(kioskUrl(b))]);
	await expect(wall.getByTestId('wall-cards')).toBeVisible();

	const text = `路灯不亮，桥头一片漆黑 ${Date.now()}`;
	await kiosk.getByTestId('start-report').click();
	await kiosk.getByTestId('category-lights').click();
	await kiosk.getByTestId('wish-text').fill(text);
	await kiosk.getByTestId('next').click();
	await kiosk.getByTestId('submit').click();
	const ticket = (await kiosk.getByTestId('ticket').textContent())!.trim();
	expect(ticket).toMatch(/^[A-Z]-\d{4}$/);
	const trackUrl = await kiosk.getByTestId('slip-track-qr').getAttribute('data-url');

	// Live on the desk, no reload: a new report with a running 24-hour response clock.
	const row = desk.locator(`[data-testid="queue-row"][data-ticket="${ticket}"]`);
	await expect(row).toBeVisible({ timeout: 2_000 });
	await expect(row).toContainText(text);
	await expect(row).toContainText('新诉求');
	const clock = row.getByTestId('sla-clock');
	await expect(clock).toHaveAttribute('data-level', 'ok');
	// A full day (or a minute less) left on the response clock, in words.
	await expect(clock).toContainText(/响应 还剩 (1天|23小时5\d分)$/);
	await desk.screenshot({ path: shotPath('desk-queue-live') });

	await row.click();
	const panel = desk.getByTestId('item-panel');
	await expect(panel.getByTestId('item-ticket')).toHaveText(ticket);
	await panel.getByTestId('dispatch-post').selectOption({ label: '网格员' });
	await panel.getByTestId('dispatch-send').click();
	await expect(panel.getByTestId('notice')).toHaveText('已保存');
	await expect(panel.getByTestId('item-status')).toHaveText('已派单');
	await expect(panel.getByTestId('item-holder')).toHaveText('网格员');
	await expect(panel.getByTestId('timeline')).toContainText('派单');
	await expect(panel.getByTestId('timeline')).toContainText(DEMO_DISPATCHER.displayName);
	// Responded: the clock now counts the resolution time, and the report leaves "needs attention".
	await expect(panel.getByTestId('sla-clock')).toContainText('办结');
	await expect(row).toHaveCount(0);
	await desk.screenshot({ path: shotPath('desk-item-dispatched') });

	const card = wall.getByTestId('wish-card').filter({ hasText: text });
	await expect(card).toHaveAttribute('data-status', 'dispatched', { timeout: 2_000 });

	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await phone.goto(new URL(trackUrl!).pathname);
	await expect(phone.getByTestId('helper')).toContainText('网格员');
	await Promise.all([desk.context().close(), kiosk.context().close(), wall.context().close()]);
	await phone.context().close();
});

test('the desk lets nobody in without signing in, and keeps a dispatcher out of administration', async ({
	browser,
	baseURL
}) => {
	const anonymous = await browser.newContext();
	const page = await anonymous.newPage();
	await page.goto('/desk/figures');
	await expect(page).toHaveURL(/\/desk\/login\?next=%2Fdesk%2Ffigures/);
	const csv = await page.request.get('/desk/figures/export?type=items');
	expect(csv.status()).toBe(401);
	await anonymous.close();

	const ctx = await browser.newContext({ viewport: DESK_VIEWPORT });
	const desk = await ctx.newPage();
	await signInDesk(desk, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await expect(desk.getByRole('link', { name: '系统管理' })).toHaveCount(0);
	const admin = await desk.goto('/desk/admin?tab=kiosks');
	expect(admin!.status()).toBe(403);
	// A forged form post from the same origin is refused too: the gate runs before any action.
	const origin = new URL(baseURL!).origin;
	const post = await desk.request.post('/desk/admin?/createSite', {
		headers: { origin },
		form: { slug: 'forged', name: '伪造站点', kind: 'center', village: '', address: '' }
	});
	expect(post.status()).toBe(403);
	// The same kind of post to an action a dispatcher may use goes through (so 403 was the role).
	const out = await desk.request.post('/desk/logout', {
		headers: { origin, accept: 'text/html' },
		form: { confirm: '1' },
		maxRedirects: 0
	});
	expect(out.status()).toBe(303);
	await desk.goto('/desk');
	await expect(desk).toHaveURL(/\/desk\/login/);
	await ctx.close();
});
