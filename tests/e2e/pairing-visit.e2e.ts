/**
 * 结对帮扶 on the member's phone (DESIGN.md §12, §15): the door card printed on the desk carries a
 * QR to /h/<door-code>; a stranger who scans it learns nothing, the paired member signs in and
 * lands on the visit form, logs a visit with a photo and a need, and the need appears on the
 * village's wall as a micro-wish — masked, with nothing of the household. Another member gets one
 * plain sentence and cannot post a visit; an oversize photo is refused in Chinese.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Hub } from '../../hub/main.ts';
import { signIn as staffSignIn, type SignedIn } from '../helpers/desk.ts';
import { PHONE, photoPng, signIn } from './claim-helpers.ts';
import { ADMIN_PASSWORD, DESK_VIEWPORT, privateHub, signInDesk } from './desk-helpers.ts';
import { PORTRAIT } from './kiosk-helpers.ts';

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

const SHOTS = '/tmp/shots';
const HEAD = '覃秘户主';
const ADDRESS = '双龙村七组秘密巷 9 号';
const PHONE_NO = '13977770001';

test.setTimeout(120_000);

/** A household of 双龙村 paired with DY001, made as the desk would (admin through the hub). */
async function pairedHousehold(hub: Hub, admin: SignedIn): Promise<number> {
	const made = await hub.core.pairing.createHousehold(admin.staff, {
		siteSlug: 'shuanglong',
		headName: HEAD,
		address: ADDRESS,
		phone: PHONE_NO,
		people: 3,
		tags: ['脱贫户', '独居老人'],
		notes: '腿脚不便'
	});
	if (!made.ok) throw new Error(`household: ${made.message}`);
	const paired = await hub.core.pairing.pair(admin.staff, {
		householdId: made.value.id,
		memberNo: 'DY001',
		aim: '草蔸萝卜种植增收',
		cadenceDays: null
	});
	if (!paired.ok) throw new Error(`pairing: ${paired.message}`);
	return made.value.id;
}

/** The desk's door card printed to PDF, rasterized as paper would be, and its QR decoded. */
async function doorCardQr(browser: Browser, base: string, householdId: number): Promise<string> {
	const ctx = await browser.newContext({ viewport: DESK_VIEWPORT });
	const desk = await ctx.newPage();
	try {
		await signInDesk(desk, base, 'admin', ADMIN_PASSWORD);
		await desk.goto(`${base}/desk/households/${householdId}/card`);
		await expect(desk.getByTestId('door-card-qr').locator('svg')).toHaveCount(1);
		await desk.emulateMedia({ media: 'print' });
		const dir = mkdtempSync(join(tmpdir(), 'wishwall-door-card-'));
		const pdf = join(dir, 'card.pdf');
		await desk.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
		execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', pdf, join(dir, 'card')]);
		const png = PNG.sync.read(readFileSync(join(dir, 'card.png')));
		const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
		if (!found) throw new Error("the door card's QR did not decode");
		return found.data;
	} finally {
		await ctx.close();
	}
}

async function phonePage(browser: Browser, base: string): Promise<Page> {
	const ctx = await browser.newContext({
		viewport: PHONE,
		hasTouch: true,
		isMobile: true,
		baseURL: base
	});
	return ctx.newPage();
}

/** axe finds nothing, and every target on the form is at least 48 px high and wide. */
async function checkA11y(page: Page, screen: string): Promise<void> {
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		`axe on ${screen}`
	).toEqual([]);
	const small = await page.evaluate(() =>
		[...document.querySelectorAll('button, a[href], select, textarea, input')]
			// A visually hidden checkbox, radio or file input is tapped through its label.
			.map((el) => (el.classList.contains('visually-hidden') ? el.closest('label')! : el))
			.filter((el) => {
				const r = el.getBoundingClientRect();
				return r.width > 0 && r.height > 0 && (r.height < 48 || r.width < 48);
			})
			.map((el) => {
				const r = el.getBoundingClientRect();
				return `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${r.width}×${r.height}`;
			})
	);
	expect(small, `targets under 48 px on ${screen}`).toEqual([]);
}

/** Posts the visit form as the page's own enhance would, with this phone's cookies. */
async function postVisit(page: Page, base: string, path: string) {
	const res = await page.request.post(`${base}${path}?/visit`, {
		headers: { origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' },
		form: { kind: '生产指导', note: '直接提交' }
	});
	return { status: res.status(), body: await res.text() };
}

test('the paired member scans the door card, logs a visit with a photo and a need, and the wall shows the masked micro-wish', async ({
	browser
}) => {
	mkdirSync(SHOTS, { recursive: true });
	const { hub, base, close } = await privateHub();
	try {
		const admin = await staffSignIn(hub, 'admin', ADMIN_PASSWORD);
		const householdId = await pairedHousehold(hub, admin);
		const doorUrl = new URL(await doorCardQr(browser, base, householdId));
		expect(doorUrl.pathname).toMatch(/^\/h\/[a-z0-9]+$/);
		const doorPath = doorUrl.pathname;
		const visits = async () => {
			const h = await hub.core.pairing.household(admin.staff, householdId);
			if (!h.ok) throw new Error(h.message);
			return h.value.visits;
		};

		// A stranger's phone: nothing of the household, only 请先登录.
		const member = await phonePage(browser, base);
		await member.goto(doorPath);
		await expect(member.getByTestId('door-sign-in-first')).toHaveText('请先登录');
		for (const secret of [HEAD, ADDRESS, PHONE_NO, '双龙村', '脱贫户'])
			expect(await member.content()).not.toContain(secret);

		await checkA11y(member, 'the door card, signed out');
		await member.screenshot({ path: join(SHOTS, 'visit-door-signed-out.png') });

		// The paired member signs in through /m and comes straight back to the visit form.
		await member.getByTestId('door-sign-in').click();
		await expect(member).toHaveURL(/\/m\?redirect=/);
		await signIn(member, 'DY001');
		await expect(member).toHaveURL(`${base}${doorPath}`);
		await expect(member.getByTestId('visit-form')).toBeVisible();
		await expect(member.getByTestId('household-name')).toHaveText(HEAD);
		await expect(member.getByTestId('by-card')).toHaveText(/扫门牌登记/);
		await expect(member.getByTestId('visit-state')).toHaveText('本月未走访');

		// The village's wall is open, waiting.
		const kiosk = hub.core.demoKiosks.find((k) => k.site === 'shuanglong')!;
		const wallCtx = await browser.newContext({ viewport: PORTRAIT });
		const wall = await wallCtx.newPage();
		await wall.goto(`${base}/kiosk/shuanglong#device=${kiosk.token}`);
		await expect(wall.getByTestId('wish-card').first()).toBeVisible();

		// An oversize photo is refused in Chinese before it travels.
		await member.getByTestId('photo').setInputFiles({
			name: 'big.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 1)
		});
		await expect(member.getByTestId('visit-error')).toHaveText(/照片太大了/);
		// …and by the hub too, when a phone sends it anyway.
		const big = await member.request.post(`${base}/api/photos?h=${householdId}`, {
			headers: { 'content-type': 'application/octet-stream' },
			data: Buffer.alloc(5 * 1024 * 1024 + 1, 1)
		});
		expect(big.status()).toBe(413);

		// So is a file that only claims to be a photo.
		await member.getByTestId('photo').setInputFiles({
			name: 'fake.png',
			mimeType: 'image/png',
			buffer: Buffer.from('this is not a picture at all')
		});
		await expect(member.getByTestId('visit-error')).toHaveText(/只能上传照片/);

		// Nothing ticked: the schema's reason, in Chinese, and nothing written.
		await member.getByTestId('visit-submit').click();
		await expect(member.getByTestId('visit-error')).toHaveText('请至少选一项做了什么');
		expect(await visits()).toHaveLength(0);

		await member.getByText('生产指导', { exact: true }).click();
		await member.getByTestId('visit-note').fill('看了萝卜长势，讲了追肥时间');
		await member.getByTestId('photo').setInputFiles({
			name: 'visit.png',
			mimeType: 'image/png',
			buffer: photoPng()
		});
		await expect(member.getByTestId('photo-count')).toHaveText('已添加 1 张照片');
		await expect(member.getByTestId('visit-error')).toHaveCount(0);
		await member.getByTestId('add-need-wish').click();
		const need = `想要一台电热毯过冬 ${Date.now() % 100000}`;
		await member.getByTestId('need-category').selectOption('care');
		await member.getByTestId('need-text').fill(need);
		await checkA11y(member, 'the visit form');
		await member.screenshot({ path: join(SHOTS, 'visit-form.png'), fullPage: true });

		// The desk's 本月一览 is open too: 双龙村's visited count moves when the visit lands.
		const deskCtx = await browser.newContext({ viewport: DESK_VIEWPORT });
		const desk = await deskCtx.newPage();
		await signInDesk(desk, base, 'admin', ADMIN_PASSWORD);
		await desk.goto(`${base}/desk/households`);
		const visited = desk.locator('[data-site="shuanglong"]').getByTestId('village-visited');
		const before = Number((await visited.innerText()).split('/')[0]);

		await member.getByTestId('visit-submit').click();
		await expect(member.getByTestId('visit-done')).toContainText('已记录走访');
		await expect(visited).toHaveText(new RegExp(`^${before + 1}/`), { timeout: 2_000 });
		await deskCtx.close();
		const ticket = member.getByTestId('visit-ticket');
		await expect(ticket).toHaveCount(1);
		await expect(ticket).toHaveAttribute('data-ticket', /^JD-\d{4}$/);
		await expect(member.getByTestId('visit-state')).toHaveText('本月已走访');
		await member.screenshot({ path: join(SHOTS, 'visit-done.png'), fullPage: true });
		const logged = await visits();
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ byCard: true, kinds: ['生产指导'] });
		expect(logged[0]!.photoIds).toHaveLength(1);

		// The need is on the village's wall within 2 s, with nothing of the household.
		await expect(wall.getByTestId('wish-card').filter({ hasText: need })).toBeVisible({
			timeout: 2_000
		});
		const wallHtml = await wall.content();
		for (const secret of [HEAD, ADDRESS, PHONE_NO]) expect(wallHtml).not.toContain(secret);
		await wallCtx.close();

		// /m: the household, visited this month, with its big button.
		await member.goto('/m');
		const card = member.getByTestId('household').filter({ hasText: HEAD });
		await expect(card.getByTestId('visit-state')).toHaveText('本月已走访');
		await expect(card.getByTestId('last-visit')).toHaveText(/^上次走访 \d{1,2}月\d{1,2}日$/);
		await expect(card.getByTestId('log-visit')).toHaveAttribute('href', `/m/visit/${householdId}`);
		await checkA11y(member, '/m with the households');
		await member.screenshot({ path: join(SHOTS, 'visit-m-list.png'), fullPage: true });
		await card.getByTestId('log-visit').click();
		await expect(member.getByTestId('visit-form')).toBeVisible();
		await expect(member.getByTestId('by-card')).toHaveCount(0);

		// Another member: one plain sentence, nothing of the household, and no visit goes in.
		const other = await phonePage(browser, base);
		await other.goto('/m');
		await signIn(other, 'DY002');
		await expect(other.getByTestId('hello')).toBeVisible();
		await other.goto(doorPath);
		await expect(other.getByTestId('door-not-yours')).toHaveText('这不是您结对的户');
		await other.screenshot({ path: join(SHOTS, 'visit-door-not-yours.png') });
		for (const secret of [HEAD, ADDRESS, PHONE_NO, '脱贫户'])
			expect(await other.content()).not.toContain(secret);
		for (const path of [doorPath, `/m/visit/${householdId}`]) {
			const r = await postVisit(other, base, path);
			expect(r.body, path).toContain('not_yours');
			expect(r.body).not.toContain(HEAD);
		}
		await other.goto(`/m/visit/${householdId}`);
		await expect(other.getByTestId('visit-refused')).toHaveText('这不是您结对的户');
		expect(await visits()).toHaveLength(1);

		// An unknown door code: the same plain message whoever asks.
		await other.goto('/h/zzzzzzzzzzzzz');
		await expect(other.getByTestId('door-not-found')).toBeVisible();
	} finally {
		await close();
	}
});
