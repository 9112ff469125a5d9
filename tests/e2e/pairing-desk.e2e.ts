import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { collectErrors } from './kiosk-helpers.ts';
import { DESK_VIEWPORT, signInDesk } from './desk-helpers.ts';

// jsqr is CommonJS with `export default` types: under nodenext the function sits on .default.
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

const SHOTS = '/tmp/shots';
const DPI = 200;
const MM_PER_PT = 25.4 / 72;
/** DY001 in the demo township. */
const MEMBER = { no: 'DY001', name: '王建华' };
/** Demo households paired four months ago and not visited this month or last. */
const DEMO_OVERDUE = ['何大娘', '张桂兰', '周婆婆', '徐素芬'];

test.use({ viewport: DESK_VIEWPORT });

const shot = (page: Page, name: string) => {
	mkdirSync(SHOTS, { recursive: true });
	return page.screenshot({ path: join(SHOTS, `pairing-${name}.png`), fullPage: true });
};

/** Prints the door card to PDF, rasterizes the page and decodes the QR inside it. */
async function printCard(page: Page) {
	await page.emulateMedia({ media: 'print' });
	const dir = mkdtempSync(join(tmpdir(), 'wishwall-card-'));
	const pdf = join(dir, 'card.pdf');
	await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
	const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
	execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', pdf, join(dir, 'card')]);
	const png = PNG.sync.read(readFileSync(join(dir, 'card.png')));
	copyFileSync(join(dir, 'card.png'), join(SHOTS, 'pairing-card-print.png'));
	return {
		pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
		widthMm: Number(w) * MM_PER_PT,
		heightMm: Number(h) * MM_PER_PT,
		qr: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null,
		text: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
	};
}

test('the desk imports households from a CSV, pairs one with a member and prints its door card', async ({
	page,
	baseURL
}) => {
	const errors = collectErrors(page);
	await signInDesk(page, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await page.getByRole('link', { name: '结对帮扶' }).click();
	await expect(page).toHaveURL(/\/desk\/households$/);

	// Three lines, the second with a people count that is no number: it alone is refused.
	const tag = String(Date.now()).slice(-5);
	const good = [`试导入甲${tag}`, `试导入丙${tag}`];
	const address = `双龙村 ${tag} 号`;
	const csv =
		'\uFEFF户主,站点代号,地址,电话,人口,标签,备注\r\n' +
		`${good[0]},shuanglong,${address},13800001111,3,脱贫户|独居老人,\r\n` +
		`试导入乙${tag},shuanglong,别处 1 号,,三口,低保户,\r\n` +
		`${good[1]},tieshiya,铁石垭 2 号,,2,,有备注\r\n`;
	const form = page.getByTestId('import-households');
	await form.locator('input[type="file"]').setInputFiles({
		name: 'households.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8')
	});
	await form.locator('button[type="submit"]').click();
	const result = page.getByTestId('import-result');
	await expect(result).toContainText('已导入 2 户');
	await expect(result.locator('li[data-line="3"]')).toHaveText('第 3 行：人口应为 1 到 30 的整数');
	const rows = page.getByTestId('household-row');
	for (const name of good) await expect(rows.filter({ hasText: name })).toHaveCount(1);
	await expect(rows.filter({ hasText: `试导入乙${tag}` })).toHaveCount(0);

	// Pair the first one with DY001 on its page.
	await rows.filter({ hasText: good[0] }).getByRole('link').click();
	await expect(page.getByTestId('household-head')).toHaveText(good[0]!);
	await expect(page.getByTestId('not-paired')).toBeVisible();
	const pair = page.getByTestId('pair-form');
	await pair.locator('input[name="memberNo"]').fill('ZZ999');
	await pair.locator('button[type="submit"]').click();
	await expect(page.getByTestId('pair-problem')).toHaveText('没有这个党员编号');
	await expect(page.getByTestId('not-paired')).toBeVisible();
	await pair.locator('input[name="memberNo"]').fill(MEMBER.no.toLowerCase());
	await pair.locator('input[name="aim"]').fill('草蔸萝卜种植增收');
	await pair.locator('button[type="submit"]').click();
	await expect(page.getByTestId('paired-member')).toHaveText(`${MEMBER.name}（${MEMBER.no}）`);
	await expect(page.getByTestId('household-state')).toHaveText('待走访');
	await shot(page, 'household');

	// The door card: the member in big type, a QR to a random code that names nobody.
	await page.getByTestId('door-card-link').click();
	await expect(page.getByTestId('door-card-member')).toHaveText(MEMBER.name);
	await expect(page.getByTestId('door-card-qr').locator('svg')).toHaveCount(1);
	await shot(page, 'card');
	const card = await printCard(page);
	expect(card.pages).toBe(1);
	expect(card.widthMm).toBeCloseTo(105, 0);
	expect(card.heightMm).toBeCloseTo(148, 0);
	expect(card.text).toContain('结对帮扶户');
	expect(card.text).toContain(MEMBER.name);
	expect(card.qr).toMatch(/\/h\/[A-Za-z0-9_-]{12,}$/);
	const url = card.qr!;
	expect(url.startsWith(baseURL!)).toBe(true);
	for (const secret of [good[0]!, address]) {
		expect(url).not.toContain(secret);
		expect(url).not.toContain(encodeURIComponent(secret));
	}
	// The list's CSV reads back with the import's columns (UTF-8 with BOM for Excel).
	const exported = await page.request.get(`${baseURL}/desk/households/export?site=shuanglong`);
	expect(exported.headers()['content-type']).toContain('text/csv');
	const body = await exported.text();
	expect(body.startsWith('\uFEFF户主,站点代号,地址,电话,人口,标签,备注')).toBe(true);
	expect(body).toContain(`${good[0]},shuanglong,${address},13800001111,3,脱贫户|独居老人,`);
	expect(body).not.toContain(good[1]);
	expect(errors).toEqual([]);
});

test('the at-a-glance shows overdue demo households and the list page passes axe', async ({
	page,
	baseURL
}) => {
	await signInDesk(page, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await page.goto(`${baseURL}/desk/households`);
	const overdue = page.getByTestId('overdue-list').getByRole('link');
	const names = await overdue.allTextContents();
	expect(names.filter((n) => DEMO_OVERDUE.includes(n)).length).toBeGreaterThan(0);
	await expect(page.getByTestId('coverage-villages').locator('tbody tr')).not.toHaveCount(0);
	await shot(page, 'list');

	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);

	// The overdue filter lists what the glance lists, and each links to its household.
	await page.getByTestId('household-filters').locator('input[name="overdue"]').check();
	await page.getByTestId('filter-apply').click();
	await expect(page).toHaveURL(/overdue=1/);
	const listed = await page.getByTestId('household-row').locator('th a').allTextContents();
	expect(listed.sort()).toEqual([...names].sort());
	await overdue.first().click();
	await expect(page.getByTestId('household-state')).toHaveText('逾期');
	await expect(page.getByTestId('visit-timeline').locator('li')).not.toHaveCount(0);
	await shot(page, 'household-overdue');
});

test('the figures page shows the pairing programme and exports it as CSV', async ({
	page,
	baseURL
}) => {
	await signInDesk(page, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	await page.goto(`${baseURL}/desk/figures`);
	const section = page.getByTestId('figures-pairing');
	await expect(section.getByTestId('pairing-paired')).toContainText(/\d+ \/ \d+/);
	await expect(section.getByRole('img', { name: '结对与走访' })).toBeVisible();
	await section.scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(SHOTS, 'pairing-figures.png') });
	const csv = await (await page.request.get(`${baseURL}/desk/figures/export?type=pairing`)).text();
	const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
	expect(lines[0]).toBe('指标,数值,数量,基数');
	expect(lines.map((l) => l.split(',')[0])).toContain('结对率');
});

test('garbage posted to the household actions is refused with a 4xx and writes nothing', async ({
	page,
	baseURL
}) => {
	await signInDesk(page, baseURL!, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	const count = async () =>
		(await (await page.request.get(`${baseURL}/desk/households/export`)).text()).split('\r\n')
			.length;
	const before = await count();
	const forms: Record<string, string>[] = [
		{},
		{ householdId: 'abc', memberNo: '<script>', people: '-1', siteSlug: '../x' },
		{ householdId: '999999', memberNo: 'DY001', aim: 'x', cadence: 'days', cadenceDays: '0' },
		{ householdId: '1', year: '1800', yuan: '1e99', pairingId: '0', reason: '' },
		{ headName: 'x'.repeat(500), siteSlug: 'shuanglong', people: '3', tags: '富户' },
		{ file: 'not a file' }
	];
	const targets = [
		'/desk/households?/create',
		'/desk/households?/import',
		'/desk/households/1?/update',
		'/desk/households/1?/pair',
		'/desk/households/1?/end',
		'/desk/households/1?/income',
		'/desk/households/999999?/pair',
		'/desk/households/abc?/update'
	];
	for (const target of targets) {
		for (const form of forms) {
			const res = await page.request.post(`${baseURL}${target}`, {
				form,
				headers: { origin: baseURL!, accept: 'application/json' },
				maxRedirects: 0
			});
			// An action answers JSON under a 200: its own status is inside.
			const status =
				res.status() === 200 ? ((await res.json()) as { status: number }).status : res.status();
			expect(status, `${target} ${JSON.stringify(form)}`).toBeGreaterThanOrEqual(400);
			expect(status, `${target} ${JSON.stringify(form)}`).toBeLessThan(500);
		}
	}
	for (const path of ['/desk/households/999999', '/desk/households/abc/card']) {
		expect((await page.request.get(`${baseURL}${path}`)).status()).toBe(404);
	}
	expect(await count()).toBe(before);
});
