/**
 * The resident reads a problem report's field chain (赶快办, DESIGN.md §11) in plain words, on the
 * phone's /t page and at the kiosk's 查进度: 已受理 → 网格员已到场 (何师傅) → 已派给城市管理岗 → 维修中 →
 * 已修好, each with its time; a step the report went past is marked 未经过 (never a tick), a step
 * still to come 等待中. The demo holds both: the 双龙村 lights report (sent to 网格员·双龙村 for a
 * check, accepted and on site by WG01) and the warm station's toilet report (sent straight to
 * 城市管理岗 and started: nobody was asked to go and look first). A third report, typed at the
 * 双龙村 kiosk, goes by the desk's socket to the grid worker, who accepts, arrives and fixes it on
 * the spot through /f's form posts: the crew's steps read 未经过, 已修好 has its time, on the phone
 * and at a landscape kiosk beside the faces.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import type { Outcome } from '../../shared/errors.ts';
import { PROTOCOL_VERSION, STAFF_COOKIE } from '../../shared/protocol.ts';
import type { DeskItem } from '../../shared/schemas/desk.ts';
import { PHONE } from './claim-helpers.ts';
import { DESK_VIEWPORT, signInDesk } from './desk-helpers.ts';
import { measure } from './kiosk-a11y-rules.ts';
import {
	centerKiosk,
	collectErrors,
	hubDb,
	kioskAddress,
	LANDSCAPE,
	PORTRAIT
} from './kiosk-helpers.ts';
import { closeSockets, emitAck, kioskSocket, tryConnect } from './socket-helpers.ts';
import { demoKiosks } from './fixtures.ts';
import { makeWish } from '../helpers/wishes.ts';

test.afterAll(closeSockets);

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

/** A China mobile number anywhere in the page's text. */
const PHONE_NUMBER = /1[3-9]\d{9}/;

async function demoReport(text: string) {
	const row = await (
		await hubDb()
	).get<{ ticket_no: string; track_code: string }>(
		'SELECT ticket_no, track_code FROM wishes WHERE text = ? AND kind = ?',
		[text, 'report']
	);
	if (!row) throw new Error(`no demo report ${text}`);
	return row;
}

const LIGHTS = '村口到广场的路灯有三盏不亮';
const TOILET = '驿站旁边的公厕水箱坏了';

/** The lights report: on site by 何师傅, not yet sent on to a crew. */
async function expectLightsChain(page: Page): Promise<void> {
	const step = (s: string) => page.getByTestId(`chain-step-${s}`);
	await expect(step('received')).toHaveAttribute('data-state', 'done');
	await expect(step('received')).toContainText('已受理');
	await expect(step('received').locator('time')).toHaveText(/^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
	await expect(step('onsite')).toHaveAttribute('data-state', 'done');
	await expect(step('onsite').getByTestId('chain-label')).toHaveText('网格员已到场');
	await expect(step('onsite').getByTestId('chain-worker')).toHaveText('何师傅');
	await expect(step('onsite').locator('time')).toHaveText(/月.*日 \d{2}:\d{2}$/);
	for (const s of ['dispatched', 'working', 'fixed']) {
		await expect(step(s)).toHaveAttribute('data-state', 'pending');
		await expect(step(s)).toContainText('等待中');
		await expect(step(s).locator('time')).toHaveCount(0);
	}
	await expect(step('working').getByTestId('chain-label')).toHaveText('维修中');
	await expect(step('fixed').getByTestId('chain-label')).toHaveText('已修好');
	// A pending step is numbered, never ticked.
	await expect(step('fixed').locator('.dot')).toHaveText('5');
	const text = await page.locator('body').innerText();
	expect(text).not.toContain('已认领');
	expect(text).not.toContain('何光明');
	expect(text).not.toMatch(PHONE_NUMBER);
	// The micro-wish milestones are not shown for a report.
	await expect(page.getByTestId('milestone-claimed')).toHaveCount(0);
}

test('the phone track page shows a report’s chain: on site by surname, the rest waiting', async ({
	browser
}) => {
	const lights = await demoReport(LIGHTS);
	const ctx = await browser.newContext({ viewport: PHONE });
	const page = await ctx.newPage();
	const errors = collectErrors(page);
	await page.goto(`/t/${lights.track_code}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('问题办理进度');
	await expectLightsChain(page);
	await page.screenshot({ path: `${SHOTS}/track-phone.png`, fullPage: true });

	// Straight to the crew and started: nobody went to look first (未经过, no tick, no time).
	const toilet = await demoReport(TOILET);
	await page.goto(`/t/${toilet.track_code}`);
	const step = (s: string) => page.getByTestId(`chain-step-${s}`);
	await expect(step('onsite')).toHaveAttribute('data-state', 'skipped');
	await expect(step('onsite')).toContainText('未经过');
	await expect(step('onsite').locator('.dot')).not.toHaveText('✔');
	await expect(step('onsite').locator('time')).toHaveCount(0);
	await expect(step('dispatched')).toHaveAttribute('data-state', 'done');
	await expect(step('dispatched').getByTestId('chain-label')).toHaveText('已派给城市管理岗');
	await expect(step('working')).toHaveAttribute('data-state', 'done');
	await expect(step('working').locator('time')).toHaveCount(1);
	await expect(step('fixed')).toHaveAttribute('data-state', 'pending');
	await expect(page.locator('body')).not.toContainText('已认领');
	await page.screenshot({ path: `${SHOTS}/track-phone-skipped.png`, fullPage: true });
	expect(errors).toEqual([]);
	await ctx.close();
});

for (const [name, viewport] of [
	['portrait', PORTRAIT],
	['landscape', LANDSCAPE]
] as const) {
	test(`the kiosk’s 查进度 shows the same chain in big type (${name})`, async ({ browser }) => {
		const lights = await demoReport(LIGHTS);
		const ctx = await browser.newContext({ viewport });
		const page = await ctx.newPage();
		const errors = collectErrors(page);
		await page.goto(kioskAddress(centerKiosk(name === 'portrait' ? 1 : 2), 'idle=600'));
		await page.getByTestId('start-track').click();
		const [letter, digits] = lights.ticket_no.split('-') as [string, string];
		await page.getByTestId(`letter-${letter}`).click();
		for (const d of String(Number(digits))) await page.getByTestId(`key-${d}`).click();
		await expect(page.getByTestId('ticket-entry')).toHaveText(lights.ticket_no);
		await page.getByTestId('ticket-next').click();
		// The lights report left no phone: the slip's code proves it.
		await page.getByTestId('use-code').click();
		for (const k of lights.track_code) await page.getByTestId(`code-key-${k}`).click();
		await page.getByTestId('find-code').click();
		await expectLightsChain(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('问题办理进度');
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${SHOTS}/track-kiosk-${name}.png` });
		// The elder-grade rules on the chain: ≥ 24 px text, ≥ 7:1 contrast, big targets.
		expect(await page.evaluate(measure)).toEqual([]);
		expect(errors).toEqual([]);
		await ctx.close();
	});
}

/** A field worker's phone session, signed in on /m's form as a browser without scripts does. */
async function workerSession(api: APIRequestContext, base: string, memberNo: string) {
	const res = await api.post('/m?/signin', {
		form: { memberNo, pin: DEMO_MEMBER_PIN, next: '/f' },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `${memberNo} signs in`).toBe(303);
	expect(res.headers().location).toBe('/f');
}

/** One /f step on an item, with the seq the worker's list would show now. */
async function fieldStep(
	api: APIRequestContext,
	base: string,
	action: string,
	wishId: string,
	more: Record<string, string> = {}
) {
	const row = await (
		await hubDb()
	).get<{ seq: number }>('SELECT seq FROM wishes WHERE id = ?', [wishId]);
	const res = await api.post(`/f?/${action}`, {
		form: { wishId, seq: String(row!.seq), ...more },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `/f ?/${action}`).toBe(200);
}

test('a report the grid worker fixed on the spot reads 已修好, the crew’s steps 未经过', async ({
	browser,
	baseURL
}) => {
	const base = baseURL!;
	const desk = await (await browser.newContext({ viewport: DESK_VIEWPORT })).newPage();
	await signInDesk(desk, base, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	const cookie = (await desk.context().cookies()).find((c) => c.name === STAFF_COOKIE);
	const { socket, refused } = await tryConnect(
		base,
		{ protocol: PROTOCOL_VERSION, role: 'desk' },
		`${STAFF_COOKIE}=${cookie!.value}`
	);
	expect(refused).toBeNull();

	const text = `村委会门口的路灯一闪一闪（${(Date.now() % 100000).toString(36)}）`;
	// Typed at the 双龙村 kiosk with a phone number, so the resident can look it up there too.
	const at = demoKiosks().find((k) => k.site === 'shuanglong')!;
	const { socket: kioskLink, hello } = await kioskSocket(base, at.token);
	const wish = makeWish(hello.ticketPrefix, hello.lastTicket + 1, {
		kind: 'report',
		category: 'lights',
		text,
		contactName: '冯大爷',
		contactPhone: '13800138000'
	});
	const ack = (await emitAck(kioskLink, 'wish:submit', wish)) as { ok: boolean };
	expect(ack.ok, JSON.stringify(ack)).toBe(true);
	const wishId = wish.id;
	const grid = await (
		await hubDb()
	).get<{ id: number }>('SELECT id FROM posts WHERE name = ?', ['网格员·双龙村']);
	const sent = (await emitAck(socket, 'desk:dispatch', {
		wishId,
		to: { type: 'post', postId: grid!.id },
		step: 'check'
	})) as Outcome<DeskItem>;
	expect(sent.ok, JSON.stringify(sent)).toBe(true);

	const wg = await browser.newContext();
	await workerSession(wg.request, base, 'WG01');
	await fieldStep(wg.request, base, 'accept', wishId);
	await fieldStep(wg.request, base, 'arrive', wishId, { locationNote: '没有定位' });
	await fieldStep(wg.request, base, 'fixed', wishId, { note: '开关跳闸了，合上就好了' });

	const { track_code: code } = (await (
		await hubDb()
	).get<{ track_code: string }>('SELECT track_code FROM wishes WHERE id = ?', [wishId]))!;
	const ctx = await browser.newContext({ viewport: PHONE });
	const page = await ctx.newPage();
	await page.goto(`/t/${code}`);
	const step = (s: string) => page.getByTestId(`chain-step-${s}`);
	await expect(step('received')).toHaveAttribute('data-state', 'done');
	await expect(step('onsite')).toHaveAttribute('data-state', 'done');
	await expect(step('onsite').getByTestId('chain-label')).toHaveText('网格员已到场');
	await expect(step('onsite').getByTestId('chain-worker')).toHaveText('何师傅');
	for (const s of ['dispatched', 'working']) {
		await expect(step(s), s).toHaveAttribute('data-state', 'skipped');
		await expect(step(s), s).toContainText('未经过');
		await expect(step(s).locator('.dot'), s).toHaveText('—');
		await expect(step(s).locator('time'), s).toHaveCount(0);
	}
	await expect(step('fixed')).toHaveAttribute('data-state', 'done');
	await expect(step('fixed').getByTestId('chain-label')).toHaveText('已修好');
	await expect(step('fixed').locator('time')).toHaveCount(1);
	await expect(page.getByTestId('notes')).toContainText('开关跳闸了，合上就好了');
	const shown = await page.locator('body').innerText();
	expect(shown).not.toContain('已认领');
	expect(shown).not.toContain('何光明');
	expect(shown).not.toMatch(PHONE_NUMBER);
	await page.screenshot({ path: `${SHOTS}/track-phone-fixed-on-spot.png`, fullPage: true });

	// At a landscape kiosk, by ticket and the phone's last 4 digits: the chain beside the faces,
	// and the way home still on the screen.
	const kioskCtx = await browser.newContext({ viewport: LANDSCAPE });
	const kiosk = await kioskCtx.newPage();
	await kiosk.goto(kioskAddress(centerKiosk(1), 'idle=600'));
	await kiosk.getByTestId('start-track').click();
	const [letter, digits] = wish.ticketNo.split('-') as [string, string];
	await kiosk.getByTestId(`letter-${letter}`).click();
	for (const d of String(Number(digits))) await kiosk.getByTestId(`key-${d}`).click();
	await kiosk.getByTestId('ticket-next').click();
	for (const d of '8000') await kiosk.getByTestId(`key-${d}`).click();
	await kiosk.getByTestId('find').click();
	await expect(kiosk.getByTestId('chain-step-working')).toHaveAttribute('data-state', 'skipped');
	await expect(kiosk.getByTestId('chain-step-fixed')).toHaveAttribute('data-state', 'done');
	await expect(kiosk.getByTestId('kiosk-rate')).toBeVisible();
	await expect(kiosk.getByTestId('track-home')).toBeInViewport({ ratio: 1 });
	await kiosk.waitForTimeout(300);
	await kiosk.screenshot({ path: `${SHOTS}/track-kiosk-landscape-fixed.png` });
	expect(await kiosk.evaluate(measure)).toEqual([]);
	for (const c of [desk.context(), wg, ctx, kioskCtx]) await c.close();
});
