import { expect, test } from '@playwright/test';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { twoKiosksOfOneSite, kioskUrl } from './fixtures.ts';
import { shotPath } from './kiosk-helpers.ts';
import { DESK_VIEWPORT, privateHub, signInDesk } from './desk-helpers.ts';

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
	await panel.getByTestId('dispatch-post').selectOption({ label: '网格员·双龙村' });
	await panel.getByTestId('dispatch-send').click();
	await expect(panel.getByTestId('notice')).toHaveText('已保存');
	await expect(panel.getByTestId('item-status')).toHaveText('已派单');
	await expect(panel.getByTestId('item-holder')).toHaveText('网格员·双龙村');
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
	await expect(phone.getByTestId('helper')).toContainText('网格员·双龙村');
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

test('the queue shows a report nobody of its post accepted as 未接单; the item shows its hop, who took it and where they stood', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { hub, base, close } = await privateHub();
	try {
		// The demo's loose horizontal bar went to 城市管理岗 five hours ago; nobody there took it.
		const bar = (await hub.core.db.get<{ id: string }>(
			"SELECT id FROM wishes WHERE text LIKE '小区健身器材的单杠松了%'"
		))!;
		const dispatcher = await hub.core.staff.signIn(
			DEMO_DISPATCHER.username,
			DEMO_DISPATCHER.password
		);
		if (!dispatcher.ok) throw new Error(dispatcher.message);
		const crew = (await hub.core.db.get<{ id: number }>(
			"SELECT id FROM posts WHERE name = '城市管理岗'"
		))!;
		const sent = await hub.core.dispatch.dispatch(dispatcher.value.staff, {
			wishId: bar.id,
			to: { type: 'post', postId: crew.id },
			step: 'work',
			note: ''
		});
		expect(sent.ok).toBe(true);
		await hub.core.db.run('UPDATE wishes SET hop_sent_at = ? WHERE id = ?', [
			Date.now() - 5 * 3600_000,
			bar.id
		]);

		const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
		await signInDesk(desk, base, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		await expect(desk.getByTestId('connection')).toHaveAttribute('data-state', 'online');
		const waiting = desk.getByTestId('queue-row').filter({ hasText: '小区健身器材的单杠松了' });
		const tag = waiting.locator('[data-reason="not_accepted"]');
		await expect(tag).toHaveText('未接单');
		await expect(tag).toHaveClass(/alarm/);
		// A reopened report is the desk's again: the post it last went to is history, not a wait.
		const reopened = desk.getByTestId('queue-row').filter({ hasText: '路边垃圾三天没人清运了' });
		await expect(reopened.locator('[data-reason="reopened"]')).toBeVisible();
		await expect(reopened.locator('[data-reason="not_accepted"]')).toHaveCount(0);
		await expect(waiting.getByTestId('queue-hop')).toContainText(
			'城市管理岗 · 处理 · 等待接单 5小时'
		);
		// Alarms come first, with the overdue.
		await expect(desk.getByTestId('queue-row').first()).toHaveClass(/alarm/);
		await desk.screenshot({ path: shotPath('desk-queue-not-accepted') });
		await waiting.click();
		const panel = desk.getByTestId('item-panel');
		await expect(panel.getByTestId('hop-sent')).toContainText('已派给 城市管理岗 · 派去处理');
		await expect(panel.getByTestId('hop-waiting')).toHaveAttribute('data-late', 'true');
		await expect(panel.getByTestId('hop-waiting')).toContainText('已超过接单时限');

		// A new report: a grid worker's post means an on-site check unless the desk says otherwise.
		const report = desk.getByTestId('queue-row').filter({ hasText: '田间水渠堵了' });
		await report.click();
		await expect(panel.getByTestId('item-text')).toContainText('田间水渠堵了');
		await panel.getByTestId('dispatch-post').selectOption({ label: '城市管理岗' });
		await expect(panel.getByTestId('dispatch-step')).toHaveValue('work');
		await panel.getByTestId('dispatch-post').selectOption({ label: '网格员·双龙村' });
		await expect(panel.getByTestId('dispatch-step')).toHaveValue('check');
		await panel.getByTestId('dispatch-send').click();
		await expect(panel.getByTestId('notice')).toHaveText('已保存');
		await expect(panel.getByTestId('hop-sent')).toContainText('已派给 网格员·双龙村 · 现场核实');
		await expect(panel.getByTestId('hop-waiting')).toHaveAttribute('data-late', 'false');
		await expect(panel.getByTestId('onsite-clock')).toContainText('到场');
		await expect(panel.getByTestId('timeline')).toContainText('→ 网格员·双龙村（现场核实）');
		await desk.screenshot({ path: shotPath('desk-item-hop-waiting') });

		// The village's grid worker takes it on the phone and reports on site: the desk sees it live.
		const wishId = (await panel.getAttribute('data-id'))!;
		const grid = await hub.core.members.signIn('WG01', DEMO_MEMBER_PIN);
		if (!grid.ok) throw new Error(grid.error);
		const seen = async () => {
			const inbox = await hub.core.field.inbox(grid.token);
			return { wishId, seq: inbox!.items.find((i) => i.wishId === wishId)!.seq };
		};
		expect((await hub.core.field.accept(grid.token, await seen())).ok).toBe(true);
		await expect(panel.getByTestId('hop-accepted')).toContainText('已接单 · 何光明');
		const arrived = await hub.core.field.arrive(grid.token, {
			...(await seen()),
			location: { lat: 30.123456789, lng: 107.2, accuracyM: 12.4 }
		});
		expect(arrived.ok).toBe(true);
		await expect(panel.getByTestId('hop-arrived')).toContainText('已到场');
		await expect(panel.getByTestId('onsite-clock')).toHaveCount(0);
		const timeline = panel.getByTestId('timeline');
		await expect(timeline.locator('li[data-type="wish:accepted"]')).toContainText('何光明 接单');
		await expect(timeline.locator('li[data-type="wish:arrived"]')).toContainText(
			'何光明 已到场 位置 30.12346, 107.2（±12 米）'
		);
		// Plain text only: no link to a map site.
		await expect(timeline.locator('a')).toHaveCount(0);
		await desk.screenshot({ path: shotPath('desk-item-hop') });
		await desk.context().close();
	} finally {
		await close();
	}
});
