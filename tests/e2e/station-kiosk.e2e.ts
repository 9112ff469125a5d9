/**
 * The warm station in real Chromium against the real hub: the kiosk's live service list, a desk
 * state change reaching it without a reload, a sign-up for the monthly service day whose slip QR
 * decodes to the desk's check-in, and the elder-grade rules (axe included) on every screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { DEMO_STATION_PIN } from '../../hub/demo/stations.ts';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { demoKiosks } from './fixtures.ts';
import { checkScreen } from './kiosk-a11y-rules.ts';
import { kioskAddress, LANDSCAPE, shotPath, SIZES } from './kiosk-helpers.ts';

// jsqr is CommonJS with `export default` types: under nodenext the function sits on .default.
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

const DESK = { width: 1440, height: 900 };

function stationKiosk() {
	const k = demoKiosks().find((d) => d.site === 'qiaocheng');
	if (!k) throw new Error('the demo has no kiosk at the 桥城广场 station');
	return k;
}

async function noPrintDialog(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __prints: number };
		w.__prints = 0;
		window.print = () => {
			w.__prints += 1;
		};
	});
}

async function signedInDesk(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({ viewport: DESK });
	const page = await ctx.newPage();
	await page.goto('/desk/login?next=/desk/stations');
	await page.getByTestId('login-username').fill(DEMO_DISPATCHER.username);
	await page.getByTestId('login-password').fill(DEMO_DISPATCHER.password);
	await page.getByTestId('login-submit').click();
	await expect(page).toHaveURL(/\/desk\/stations$/);
	return page;
}

const card = (page: Page, name: string) =>
	page.getByTestId('service-card').and(page.locator(`[data-service="${name}"]`));

for (const { name: size, viewport } of SIZES) {
	test.describe(`the warm-station kiosk at ${size}`, () => {
		test.use({ viewport });
		test.beforeEach(({ page }) => noPrintDialog(page));

		test('leads with the live service list, and every station screen meets the elder-grade rules', async ({
			page
		}) => {
			// Ten screens, each measured by axe and by the elder-grade rules, on a shared machine.
			test.setTimeout(180_000);
			await page.goto(kioskAddress(stationKiosk(), 'idle=600'));
			await expect(page.getByTestId('station-screen')).toBeVisible();
			await expect(page.getByTestId('service-card')).toHaveCount(8);
			for (const name of ['微波炉热饭', '饮用水', '手机充电', '休息座椅', '卫生间', '四点半课堂']) {
				await expect(card(page, name)).toBeVisible();
			}
			// The state is a word inside a shape, never colour alone.
			await expect(card(page, '饮用水').getByTestId('service-state')).toHaveText('可用');
			await expect(
				card(page, '饮用水').locator('[data-testid="service-state"] img')
			).toHaveAttribute('src', '/icons/station/state-available.svg');
			await checkScreen(page, 'station', size);

			await page.getByTestId('visit').click();
			await expect(page.getByTestId('station-toast')).toContainText('谢谢您');
			await page.waitForTimeout(4_200);

			await page.getByTestId('open-activities').click();
			await expect(page.getByTestId('activity-card').first()).toBeVisible();
			await checkScreen(page, 'activities', size);
			await page
				.getByTestId('activity-card')
				.filter({ hasText: '社区义诊' })
				.getByTestId('activity-signup')
				.click();
			await expect(page.getByTestId('signup-name')).toBeVisible();
			await checkScreen(page, 'signup-name', size);
			await page.getByTestId('signup-next').click();
			await expect(page.getByTestId('signup-error')).toHaveText('请写下您的称呼');
			await checkScreen(page, 'signup-error', size);
			await page.getByTestId('signup-name').fill('李婆婆');
			await page.getByTestId('signup-next').click();
			await checkScreen(page, 'signup-phone', size);
			await page.getByTestId('back').click();
			await page.getByTestId('back').click();
			await page.getByTestId('back').click();
			await expect(page.getByTestId('station-screen')).toBeVisible();

			await page.getByTestId('open-staff').click();
			await checkScreen(page, 'staff-pin', size);
			for (const d of DEMO_STATION_PIN) await page.getByTestId(`key-${d}`).click();
			await page.getByTestId('staff-unlock').click();
			await expect(page.getByTestId('staff-service').first()).toBeVisible();
			await checkScreen(page, 'staff-list', size);
			await page.getByTestId('staff-service').filter({ hasText: '卫生间' }).click();
			await checkScreen(page, 'staff-edit', size);
			await page.getByTestId('staff-back').click();
			await page.getByTestId('staff-close').click();
			await expect(page.getByTestId('station-screen')).toBeVisible();
		});
	});
}

test.describe('live station state', () => {
	test.use({ viewport: LANDSCAPE });

	test('the desk flips the microwave to 使用中 and the station kiosk shows it without a reload', async ({
		page,
		browser
	}) => {
		await page.goto(kioskAddress(stationKiosk()));
		const microwave = card(page, '微波炉热饭');
		await expect(microwave).toBeVisible();
		let reloaded = false;
		page.on('load', () => (reloaded = true));

		const desk = await signedInDesk(browser);
		const row = desk
			.getByTestId('desk-station')
			.and(desk.locator('[data-site="qiaocheng"]'))
			.getByTestId('desk-service')
			.and(desk.locator('[data-service="微波炉热饭"]'));
		await row.getByTestId('desk-set-busy').click();
		await expect(row).toHaveAttribute('data-state', 'busy');
		await expect(microwave).toHaveAttribute('data-state', 'busy', { timeout: 1_500 });
		await expect(microwave.getByTestId('service-state')).toHaveText('使用中');
		await desk.screenshot({ path: shotPath('desk-stations-1440') });

		// A note and a pause travel the same way.
		await row.getByTestId('desk-note').fill('微波炉维修中，明天恢复');
		await row.getByTestId('desk-save-note').click();
		await expect(microwave.getByTestId('service-note')).toHaveText('微波炉维修中，明天恢复', {
			timeout: 1_500
		});
		await row.getByTestId('desk-set-paused').click();
		await expect(microwave).toHaveAttribute('data-state', 'paused', { timeout: 1_500 });
		await expect(microwave.getByTestId('service-state')).toHaveText('暂停');
		// The state button sent the note that stood in the box, so the note stays.
		await expect(microwave.getByTestId('service-note')).toHaveText('微波炉维修中，明天恢复');
		await page.screenshot({ path: shotPath('station-paused-landscape') });
		expect(reloaded).toBe(false);

		// Back to normal for whoever comes next.
		await row.getByTestId('desk-note').fill('');
		await row.getByTestId('desk-save-note').click();
		await row.getByTestId('desk-set-available').click();
		await expect(microwave.getByTestId('service-note')).toHaveCount(0, { timeout: 1_500 });
		await desk.context().close();
	});
});

test.describe('no one left stranded', () => {
	test.use({ viewport: LANDSCAPE });

	test('the activities list left alone shows a countdown, then returns to the service list', async ({
		page
	}) => {
		await page.goto(kioskAddress(stationKiosk(), 'idle=2&warn=3'));
		await page.getByTestId('open-activities').click();
		await expect(page.getByTestId('activities-screen')).toBeVisible();
		await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 5_000 });
		// A tap keeps the person where they are …
		await page.getByTestId('idle-keep').click();
		await expect(page.getByTestId('activities-screen')).toBeVisible();
		// … and without one the kiosk goes home.
		await expect(page.getByTestId('station-screen')).toBeVisible({ timeout: 10_000 });
	});
});

/** Prints the sign-up slip to PDF at 58 mm as Chromium would, rasterizes it and decodes its QR. */
async function printSlip(page: Page) {
	await expect(page.getByTestId('slip-checkin-qr').locator('svg')).toHaveCount(1);
	await page.emulateMedia({ media: 'print' });
	const box = await page
		.getByTestId('slip-checkin-qr')
		.locator('.qr')
		.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { x: r.x, y: r.y, w: r.width, h: r.height };
		});
	const dir = mkdtempSync(join(tmpdir(), 'wishwall-signup-slip-'));
	const pdf = join(dir, 'slip.pdf');
	await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	const dpi = 203;
	execFileSync('pdftoppm', [
		'-r',
		String(dpi),
		'-gray',
		'-png',
		'-singlefile',
		pdf,
		join(dir, 'slip')
	]);
	const png = PNG.sync.read(readFileSync(join(dir, 'slip.png')));
	const scale = dpi / 96;
	const pad = 12;
	const x0 = Math.max(0, Math.floor(box.x * scale) - pad);
	const y0 = Math.max(0, Math.floor(box.y * scale) - pad);
	const cw = Math.min(png.width - x0, Math.ceil(box.w * scale) + 2 * pad);
	const ch = Math.min(png.height - y0, Math.ceil(box.h * scale) + 2 * pad);
	const rgba = new Uint8ClampedArray(cw * ch * 4);
	for (let y = 0; y < ch; y++) {
		const from = ((y0 + y) * png.width + x0) * 4;
		rgba.set(png.data.subarray(from, from + cw * 4), y * cw * 4);
	}
	const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
	return {
		pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
		widthMm: (Number(/Page size:\s+([\d.]+) x/.exec(info)![1]) * 25.4) / 72,
		decoded: jsQR(rgba, cw, ch)?.data ?? null,
		text: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
		png: join(dir, 'slip.png')
	};
}

test.describe('signing up for the service day', () => {
	test.use({ viewport: LANDSCAPE });
	test.beforeEach(({ page }) => noPrintDialog(page));

	test('a resident signs up for the 15th on the keypad, the slip prints and its QR checks them in at the desk', async ({
		page,
		browser
	}) => {
		await page.goto(kioskAddress(stationKiosk()));
		await page.getByTestId('open-activities').click();
		await expect(page.getByTestId('activity-card').first()).toBeVisible();
		// The next 15th may be more than two weeks away: look a month ahead.
		await page.getByTestId('activities-more').click();
		const serviceDay = page.getByTestId('activity-card').filter({ hasText: '先锋志愿服务日' });
		await expect(serviceDay).toBeVisible();
		const before = await serviceDay.getByTestId('activity-places').textContent();
		await serviceDay.getByTestId('activity-signup').click();
		const phone = `139${String(Date.now()).slice(-8)}`;
		await page.getByTestId('signup-name').fill('郭大娘');
		await page.getByTestId('signup-next').click();
		for (const d of phone) await page.getByTestId(`key-${d}`).click();
		await expect(page.getByTestId('signup-phone')).toHaveValue(phone);
		await page.getByTestId('signup-next').click();
		const summary = page.getByTestId('signup-summary');
		await expect(summary).toContainText('桥城广场');
		await expect(summary).toContainText(/\d+月15日/);
		await expect(summary).toContainText(phone);
		await page.getByTestId('signup-submit').click();
		await expect(page.getByTestId('signup-done')).toContainText('报名成功');
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { __prints: number }).__prints))
			.toBe(1);
		await page.screenshot({ path: shotPath('signup-done-landscape') });

		const slip = await printSlip(page);
		expect(slip.pages).toBe(1);
		expect(Math.round(slip.widthMm)).toBe(58);
		expect(slip.text).toContain('先锋志愿服务日');
		expect(slip.text).toContain('桥城广场');
		expect(slip.text).toMatch(/\d+月15日 周. 09:00–12:00/);
		expect(slip.text).toContain('郭**');
		// Neither the full name nor the phone is on paper.
		expect(slip.text).not.toContain('郭大娘');
		expect(slip.text).not.toContain(phone);
		expect(slip.decoded).toMatch(/^http:\/\/localhost:\d+\/desk\/stations\/checkin\/[0-9a-z]{13}$/);

		// The list shows one place fewer, live.
		await page.getByTestId('signup-home').click();
		await expect(page.getByTestId('station-screen')).toBeVisible();
		await page.getByTestId('open-activities').click();
		await page.getByTestId('activities-more').click();
		const left = Number(/\d+/.exec(before ?? '')?.[0]);
		await expect(serviceDay.getByTestId('activity-places')).toHaveText(`还剩 ${left - 1} 个名额`);

		// At the service day, staff scan the slip: the desk shows who it is and marks them present.
		const desk = await signedInDesk(browser);
		await desk.goto(new URL(slip.decoded!).pathname);
		await expect(desk.getByTestId('desk-checkin')).toContainText('郭大娘');
		await desk.getByTestId('checkin-confirm').click();
		await expect(desk.getByTestId('checkin-done')).toContainText('已签到');
		await desk.goto('/desk/stations/activities');
		await expect(
			desk.getByTestId('desk-signup').and(desk.locator('[data-name="郭大娘"]')).first()
		).toContainText('已到');
		await desk.screenshot({ path: shotPath('desk-activities-1440'), fullPage: true });
		await desk.context().close();
	});
});
