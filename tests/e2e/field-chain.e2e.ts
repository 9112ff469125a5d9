/**
 * The field chain (赶快办) in real Chromium against the real hub: a report from the 双龙村 kiosk
 * goes from the desk to the grid worker's phone for an on-site check, comes back with findings,
 * goes on to 城市管理岗 whose worker fixes it with photos, and the resident reads each hop with
 * its time and rates. Two workers of one post pressing 接单 at once: one wins, the other is told
 * who. Bad input (wrong PIN, a photo that is not one, a stale view) is refused and changes nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import type { Outcome } from '../../shared/errors.ts';
import { PROTOCOL_VERSION, STAFF_COOKIE } from '../../shared/protocol.ts';
import type { DeskItem } from '../../shared/schemas/desk.ts';
import { noPrintDialog, PHONE, photoPng } from './claim-helpers.ts';
import { DESK_VIEWPORT, signInDesk } from './desk-helpers.ts';
import { demoKiosks, kioskUrl } from './fixtures.ts';
import { hubDb, PORTRAIT, wishByTicket } from './kiosk-helpers.ts';
import { closeSockets, emitAck, tryConnect } from './socket-helpers.ts';

test.setTimeout(180_000);
test.afterAll(closeSockets);

const SHOTS = process.env.WISHWALL_FIELD_SHOTS ?? '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
/** The phone's screen as the worker sees it, and the whole page below it. */
async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
	await page.screenshot({ path: join(SHOTS, `${name}-full.png`), fullPage: true });
}

/** Where the grid worker stands in 双龙村 (the browser's location, when the phone allows it). */
const AT = { latitude: 29.3512, longitude: 108.7654, accuracy: 15 };

/**
 * A worker's phone at 390×844: opens /f, is sent to /m's one sign-in form, signs in and comes
 * back to /f. `vibrations` records navigator.vibrate calls (the new-item buzz).
 */
async function fieldPhone(
	browser: Browser,
	memberNo: string,
	opts: { located?: boolean } = {}
): Promise<Page> {
	const ctx = await browser.newContext({
		viewport: PHONE,
		hasTouch: true,
		isMobile: true,
		...(opts.located ? { geolocation: AT, permissions: ['geolocation'] } : {})
	});
	const page = await ctx.newPage();
	await page.addInitScript(() => {
		const w = window as unknown as { __vibrations: unknown[] };
		w.__vibrations = [];
		Object.defineProperty(navigator, 'vibrate', {
			configurable: true,
			value: (pattern: unknown) => (w.__vibrations.push(pattern), true)
		});
	});
	await page.goto('/f');
	await expect(page).toHaveURL(/\/m\?redirect=%2Ff$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('党员和现场人员登录');
	await page.getByTestId('member-no').fill(memberNo);
	await page.getByTestId('pin').fill(DEMO_MEMBER_PIN);
	await page.getByTestId('signin').click();
	await expect(page).toHaveURL(/\/f$/);
	await expect(page.getByTestId('field-hello')).toBeVisible();
	return page;
}

const card = (page: Page, ticket: string) =>
	page.locator(`[data-testid="field-item"][data-ticket="${ticket}"]`);

const vibrations = (page: Page) =>
	page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations);

/** axe finds nothing, and every button and link (and photo button) is at least 48 px high. */
async function checkA11y(page: Page, screen: string): Promise<void> {
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		`axe on ${screen}`
	).toEqual([]);
	const small = await page.evaluate(() =>
		[...document.querySelectorAll('button, a[href], label.button, summary')]
			.filter((el) => {
				const r = el.getBoundingClientRect();
				return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
			})
			.filter((el) => el.getBoundingClientRect().height < 48)
			.map((el) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}"`)
	);
	expect(small, `targets under 48 px on ${screen}`).toEqual([]);
}

/** The desk's own socket, with the dispatcher's session from the desk browser. */
async function deskSocket(desk: Page, base: string) {
	const cookie = (await desk.context().cookies()).find((c) => c.name === STAFF_COOKIE);
	expect(cookie, 'the desk is signed in').toBeTruthy();
	const { socket, refused } = await tryConnect(
		base,
		{ protocol: PROTOCOL_VERSION, role: 'desk' },
		`${STAFF_COOKIE}=${cookie!.value}`
	);
	expect(refused).toBeNull();
	return socket;
}

type DeskSocket = Awaited<ReturnType<typeof deskSocket>>;

/** A phoned-in report typed at the desk; resolves with the item. */
async function phonedReport(socket: DeskSocket, text: string): Promise<DeskItem> {
	const r = (await emitAck(socket, 'desk:submit', {
		siteSlug: 'shuanglong',
		kind: 'report',
		category: 'repair',
		urgent: false,
		text,
		contactName: '冯大爷',
		contactPhone: '13800138000',
		via: 'phone'
	})) as Outcome<DeskItem>;
	if (!r.ok) throw new Error(`desk:submit refused: ${r.error} ${r.message}`);
	return r.value;
}

async function postId(name: string): Promise<number> {
	const row = await (
		await hubDb()
	).get<{ id: number }>('SELECT id FROM posts WHERE name = ?', [name]);
	if (!row) throw new Error(`no post ${name}`);
	return row.id;
}

async function dispatch(socket: DeskSocket, wishId: string, post: string, step: 'check' | 'work') {
	const r = (await emitAck(socket, 'desk:dispatch', {
		wishId,
		to: { type: 'post', postId: await postId(post) },
		step
	})) as Outcome<DeskItem>;
	expect(r.ok, JSON.stringify(r)).toBe(true);
}

async function wishRow(id: string) {
	return (await hubDb()).get<{ status: string; hop_worker_id: number | null }>(
		'SELECT status, hop_worker_id FROM wishes WHERE id = ?',
		[id]
	);
}

async function eventData(wishId: string, type: string): Promise<Record<string, unknown>[]> {
	const rows = await (
		await hubDb()
	).all<{ data: string }>('SELECT data FROM events WHERE wish_id = ? AND type = ? ORDER BY seq', [
		wishId,
		type
	]);
	return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
}

test('a kiosk report goes desk → grid worker on site → findings → 城市管理岗 fixes it with photos → the resident sees each hop and rates', async ({
	browser,
	baseURL
}) => {
	const kiosk = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
	await noPrintDialog(kiosk);
	const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
	await signInDesk(desk, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await expect(desk.getByTestId('connection')).toHaveAttribute('data-state', 'online');
	const wg = await fieldPhone(browser, 'WG01', { located: true });
	const cg1 = await fieldPhone(browser, 'CG01');
	const cg2 = await fieldPhone(browser, 'CG02');

	// The resident reports at the 双龙村 kiosk and leaves a name and phone.
	await kiosk.goto(kioskUrl(demoKiosks().find((k) => k.site === 'shuanglong')!));
	const text = `桥头的路灯杆歪了，晚上很危险 ${Date.now()}`;
	await kiosk.getByTestId('start-report').click();
	await kiosk.getByTestId('category-lights').click();
	await kiosk.getByTestId('wish-text').fill(text);
	await kiosk.getByTestId('next').click();
	await kiosk.getByTestId('add-contact').click();
	await kiosk.getByTestId('contact-name').fill('冯大爷');
	for (const digit of '13700137000') await kiosk.getByTestId(`key-${digit}`).click();
	await kiosk.getByTestId('contact-done').click();
	await kiosk.getByTestId('submit').click();
	await expect(kiosk.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
	const ticket = (await kiosk.getByTestId('ticket').textContent())!.trim();
	const trackUrl = (await kiosk.getByTestId('slip-track-qr').getAttribute('data-url'))!;
	const wishId = (await wishByTicket(ticket))!.id;

	// The desk sends it to the village's grid worker for an on-site check.
	const row = desk.locator(`[data-testid="queue-row"][data-ticket="${ticket}"]`);
	await row.click();
	const panel = desk.getByTestId('item-panel');
	await panel.getByTestId('dispatch-post').selectOption({ label: '网格员·双龙村' });
	await panel.getByTestId('dispatch-step').selectOption('check');
	await wg.getByTestId('field-hello').click(); // the worker touched the phone: it may buzz
	await panel.getByTestId('dispatch-send').click();

	// On the grid worker's phone within 2 s, no reload: a check, no contact before 接单.
	const wgCard = card(wg, ticket);
	await expect(wgCard).toBeVisible({ timeout: 2_000 });
	await expect(wgCard).toHaveAttribute('data-state', 'new');
	await expect(wgCard.getByTestId('field-step')).toHaveText('现场核实');
	await expect(wgCard).toContainText(text);
	await expect(wgCard).toContainText('网格员·双龙村');
	await expect(wg.getByText('13700137000')).toHaveCount(0);
	expect(await vibrations(wg)).toContainEqual(200);
	await shot(wg, 'field-list');
	await checkA11y(wg, 'the list');

	// 接单: the item opens with the resident's name and a tap-to-call.
	await wgCard.getByTestId('field-accept').click();
	await expect(wg).toHaveURL(new RegExp(`/f\\?item=${wishId}$`));
	await expect(wg.getByTestId('field-notice')).toHaveText('接单成功，请尽快联系居民');
	await expect(wg.getByTestId('field-contact-name')).toHaveText('冯大爷');
	await expect(wg.getByTestId('field-call')).toHaveAttribute('href', 'tel:13700137000');
	await shot(wg, 'field-accepted');
	await checkA11y(wg, 'an accepted item');
	// Back on the list it is under 我的任务, with what to do next.
	await wg.getByTestId('back').click();
	await expect(wgCard).toHaveAttribute('data-state', 'mine');
	await expect(wgCard.getByTestId('field-open')).toHaveText('下一步：已到场 ›');
	await wgCard.getByTestId('field-open').click();

	// 已到场 with a photo and the phone's location.
	await wg
		.getByTestId('photo')
		.setInputFiles({ name: 'pole.png', mimeType: 'image/png', buffer: photoPng() });
	await expect(wg.getByTestId('photo-pick')).toContainText('已选好照片：pole.png');
	await wg.getByTestId('step-arrive').click();
	await expect(wg.getByTestId('field-notice')).toHaveText('已记录到场，位置也记下了');
	const [arrived] = await eventData(wishId, 'wish:arrived');
	expect(arrived).toMatchObject({
		worker: '何师傅',
		location: { lat: AT.latitude, lng: AT.longitude, accuracyM: AT.accuracy }
	});
	expect(arrived!.photoId).toEqual(expect.any(String));

	// 现场情况 back to the desk.
	await wg.getByTestId('open-findings').click();
	const findings = wg.getByTestId('form-findings');
	await expect(findings).toBeVisible();
	await findings.getByTestId('step-text').fill('灯杆底座松了，需要城市管理岗来加固');
	await shot(wg, 'field-findings-form');
	await checkA11y(wg, 'the findings form');
	await findings.getByTestId('step-findings').click();
	await expect(wg).toHaveURL(/\/f$/);
	await expect(wg.getByTestId('field-notice')).toHaveText('现场情况已报给指挥中心，谢谢！');
	await expect(wgCard).toHaveCount(0);
	expect(await eventData(wishId, 'wish:reported')).toEqual([
		expect.objectContaining({ note: '灯杆底座松了，需要城市管理岗来加固' })
	]);

	// Back on the desk; it sends it on to 城市管理岗 for the work.
	await expect(row).toBeVisible({ timeout: 5_000 });
	await row.click();
	await panel.getByTestId('dispatch-post').selectOption({ label: '城市管理岗' });
	await panel.getByTestId('dispatch-step').selectOption('work');
	await panel.getByTestId('dispatch-send').click();
	const [c1, c2] = [card(cg1, ticket), card(cg2, ticket)];
	await expect(c2).toBeVisible({ timeout: 2_000 });
	await expect(c1).toBeVisible({ timeout: 2_000 });
	await expect(c2.getByTestId('field-step')).toHaveText('派去处理');

	// 向东 takes it; 马骏's list drops it at once.
	await c2.getByTestId('field-accept').click();
	await expect(cg2.getByTestId('field-contact-name')).toHaveText('冯大爷');
	await expect(c1).toHaveCount(0, { timeout: 2_000 });

	await cg2.getByTestId('step-start').click();
	await expect(cg2.getByTestId('field-notice')).toHaveText('已开始维修，修好后请点“已修好”');
	const fixed = cg2.getByTestId('form-fixed');
	await expect(fixed).toContainText('拍一张修好后的照片（可以不拍）');
	await fixed.getByTestId('step-text').fill('灯杆已扶正，底座重新浇筑加固');
	await fixed
		.getByTestId('photo')
		.setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: photoPng() });
	await fixed.getByTestId('step-fixed').click();
	await expect(cg2).toHaveURL(/\/f$/);
	await expect(cg2.getByTestId('field-notice')).toHaveText('已办好，谢谢您！居民现在可以评价了');
	await expect(card(cg2, ticket)).toHaveAttribute('data-state', 'done');
	expect(await wishRow(wishId)).toMatchObject({ status: 'resolved' });

	// The resident's track page: every hop with its time, the workers by surname only.
	const resident = await (
		await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
	).newPage();
	await resident.goto(new URL(trackUrl).pathname);
	for (const step of ['received', 'onsite', 'dispatched', 'working', 'fixed']) {
		const s = resident.getByTestId(`chain-step-${step}`);
		await expect(s, step).toHaveAttribute('data-state', 'done');
		await expect(s.locator('time'), step).toHaveCount(1);
	}
	await expect(resident.getByTestId('chain-step-onsite')).toContainText('何师傅');
	await expect(resident.getByTestId('chain-step-working')).toContainText('向师傅');
	await expect(resident.getByText('何光明')).toHaveCount(0);
	await resident.getByTestId('face-5').click();
	await resident.getByTestId('rate').click();
	await expect(resident.getByTestId('rated')).toContainText('谢谢您的评价');
	expect(await wishRow(wishId)).toMatchObject({ status: 'closed' });

	for (const p of [kiosk, desk, wg, cg1, cg2, resident]) await p.context().close();
});

test('two workers of one post press 接单 at the same moment: exactly one gets it, the other is told who', async ({
	browser,
	baseURL
}) => {
	const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
	await signInDesk(desk, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	const socket = await deskSocket(desk, baseURL!);
	const ma = await fieldPhone(browser, 'CG01');
	const xiang = await fieldPhone(browser, 'CG02');

	const item = await phonedReport(socket, `垃圾桶被风吹翻了一地 ${Date.now()}`);
	await dispatch(socket, item.id, '城市管理岗', 'work');
	const [a, b] = [card(ma, item.ticketNo), card(xiang, item.ticketNo)];
	await expect(a).toBeVisible({ timeout: 2_000 });
	await expect(b).toBeVisible({ timeout: 2_000 });

	await Promise.all([a.getByTestId('field-accept').click(), b.getByTestId('field-accept').click()]);
	const opened = async (p: Page) => new URL(p.url()).searchParams.get('item') === item.id;
	await expect
		.poll(async () => [await opened(ma), await opened(xiang)].filter(Boolean).length)
		.toBe(1);
	const [winner, loser, winnerLabel] = (await opened(ma))
		? [ma, xiang, '马师傅']
		: [xiang, ma, '向师傅'];
	await expect(winner.getByTestId('field-contact-name')).toHaveText('冯大爷');
	await expect(loser.getByTestId('field-notice')).toHaveText(`已被${winnerLabel}接单`);
	await expect(card(loser, item.ticketNo)).toHaveCount(0);
	await expect(loser.getByText('13800138000')).toHaveCount(0);
	expect(await eventData(item.id, 'wish:accepted')).toHaveLength(1);

	// Not this post's job after all: back to the desk with a reason, gone from the list.
	await winner.getByTestId('open-hand-back').click();
	const handBack = winner.getByTestId('form-handBack');
	await handBack.getByTestId('step-handBack').click();
	await expect(handBack.getByTestId('step-text')).toBeFocused(); // the reason is required
	await handBack.getByTestId('step-text').fill('这是环卫所的事，请转给环卫');
	await handBack.getByTestId('step-handBack').click();
	await expect(winner).toHaveURL(/\/f$/);
	await expect(winner.getByTestId('field-notice')).toHaveText('已转回指挥中心，谢谢您告诉我们');
	await expect(card(winner, item.ticketNo)).toHaveCount(0);
	expect(await wishRow(item.id)).toMatchObject({ status: 'open', hop_worker_id: null });

	for (const p of [desk, ma, xiang]) await p.context().close();
});

test('wrong PINs, a photo that is not one, a stale view and no location are each told plainly and change nothing', async ({
	browser,
	baseURL
}) => {
	// Two wrong PINs (never five: demo accounts stay unlocked), then the right one.
	const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
	const wx = await ctx.newPage();
	await wx.goto('/f');
	await expect(wx).toHaveURL(/\/m\?redirect=%2Ff$/);
	const wrongPin = async () => {
		await wx.getByTestId('member-no').fill('WX01');
		await wx.getByTestId('pin').fill('9999');
		await wx.getByTestId('signin').click();
	};
	await wrongPin();
	const error = wx.getByTestId('signin-error');
	await expect(error).toHaveText(/^会员编号或密码不对，还可以再试 \d+ 次$/);
	const left = Number(/(\d+) 次/.exec((await error.textContent())!)![1]);
	expect(left).toBeGreaterThan(1);
	await wrongPin();
	await expect(error).toHaveText(`会员编号或密码不对，还可以再试 ${left - 1} 次`);
	await wx.getByTestId('pin').fill(DEMO_MEMBER_PIN);
	await wx.getByTestId('signin').click();
	await expect(wx).toHaveURL(/\/f$/);
	// /m shows a field worker the way to /f.
	await wx.goto('/m');
	await wx.getByTestId('field-link').click();
	await expect(wx).toHaveURL(/\/f$/);

	const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
	await signInDesk(desk, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	const socket = await deskSocket(desk, baseURL!);
	const item = await phonedReport(socket, `院坝的水管漏水 ${Date.now()}`);
	await dispatch(socket, item.id, '维修队', 'check');
	await card(wx, item.ticketNo).getByTestId('field-accept').click();
	await expect(wx.getByTestId('field-contact-name')).toHaveText('冯大爷');

	// A view older than the item: refused, nothing written, the page reads the item again.
	const seq = wx.locator('form:has([data-testid="step-arrive"]) input[name="seq"]');
	const seen = await seq.inputValue();
	await seq.evaluate((i: HTMLInputElement) => (i.value = String(Number(i.value) - 1)));
	await wx.getByTestId('step-arrive').click();
	await expect(wx.getByTestId('field-notice')).toHaveText('这件事刚有变化，已为您刷新');
	expect(await eventData(item.id, 'wish:arrived')).toEqual([]);
	await seq.evaluate((i: HTMLInputElement, v: string) => (i.value = v), seen);

	// No location permission: arrival is recorded anyway, and the worker is told so.
	await wx.getByTestId('step-arrive').click();
	await expect(wx.getByTestId('field-notice')).toHaveText(
		'已记录到场，但没有记下位置（未允许定位）'
	);
	expect(await eventData(item.id, 'wish:arrived')).toEqual([
		expect.objectContaining({ locationNote: '未允许定位' })
	]);
	expect(await wishRow(item.id)).toMatchObject({ status: 'contacted' });

	// A text file as the photo (named and typed as one, or not): refused before anything changes.
	await wx.getByTestId('open-findings').click();
	const findings = wx.getByTestId('form-findings');
	await findings.getByTestId('step-text').fill('水管接头老化');
	for (const file of [
		{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
		{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a photo either') }
	]) {
		await findings.getByTestId('photo').setInputFiles(file);
		await findings.getByTestId('step-findings').click();
		await expect(wx.getByTestId('field-notice')).toHaveText('只能上传照片（JPG、PNG 或 WebP）');
		await expect(findings.getByTestId('step-text')).toHaveValue('水管接头老化');
	}
	expect(await eventData(item.id, 'wish:reported')).toEqual([]);
	expect(await wishRow(item.id)).toMatchObject({ status: 'contacted' });
	const photos = await (
		await hubDb()
	).get<{ n: number }>('SELECT count(*) AS n FROM photos WHERE wish_id = ?', [item.id]);
	expect(photos!.n).toBe(0);

	// A signed-in account without a post: a plain word and the way back to /m, no list.
	const member = await (
		await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true })
	).newPage();
	await member.goto('/f');
	await member.getByTestId('member-no').fill('DY001');
	await member.getByTestId('pin').fill(DEMO_MEMBER_PIN);
	await member.getByTestId('signin').click();
	await expect(member.getByTestId('field-no-posts')).toHaveText(
		'您的账号还没有分配现场岗位。如需要，请联系指挥中心。'
	);
	await expect(member.getByTestId('field-item')).toHaveCount(0);
	await member.getByTestId('field-to-member').click();
	await expect(member).toHaveURL(/\/m$/);
	await expect(member.getByTestId('field-link')).toHaveCount(0);

	for (const p of [wx, desk, member]) await p.context().close();
});
