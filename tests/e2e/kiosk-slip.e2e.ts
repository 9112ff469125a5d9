import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { centerKiosk, kioskAddress, PORTRAIT, shotPath, wishByTicket } from './kiosk-helpers.ts';

// jsqr is CommonJS with `export default` types: under nodenext the function sits on .default.
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

const DPI = 203; // a thermal printer's resolution
const MM_PER_PT = 25.4 / 72;

test.use({ viewport: PORTRAIT });

// Headless Chromium has no print dialog to finish: count the kiosk's print() calls instead, then
// print the same document to PDF the way --kiosk-printing would send it to the printer.
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		const w = window as unknown as { __prints: number };
		w.__prints = 0;
		window.print = () => {
			w.__prints += 1;
		};
	});
});

const prints = (page: Page) =>
	page.evaluate(() => (window as unknown as { __prints: number }).__prints);

async function submitTyped(page: Page, kind: 'wish' | 'report', text: string): Promise<string> {
	await page.getByTestId(`start-${kind}`).click();
	await page.getByTestId('category-education').click();
	await page.getByTestId('wish-text').fill(text);
	await page.getByTestId('next').click();
	await page.getByTestId('submit').click();
	await expect(page.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
	return (await page.getByTestId('ticket').textContent())!;
}

/** Prints the slip to PDF as Chromium would, rasterizes it at 203 dpi and decodes each QR. */
async function printAndDecode(page: Page) {
	await expect(page.getByTestId('slip-track-qr').locator('svg')).toHaveCount(1);
	await page.emulateMedia({ media: 'print' });
	const boxes = await page
		.locator('[data-testid^="slip-"][data-testid$="-qr"] .qr')
		.evaluateAll((els) =>
			els.map((el) => {
				const r = el.getBoundingClientRect();
				const id = el.parentElement!.dataset.testid!;
				return { id, x: r.x, y: r.y, w: r.width, h: r.height };
			})
		);
	const dir = mkdtempSync(join(tmpdir(), 'wishwall-slip-'));
	const pdf = join(dir, 'slip.pdf');
	await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });

	const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
	const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
	const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
	execFileSync('pdftoppm', [
		'-r',
		String(DPI),
		'-gray',
		'-png',
		'-singlefile',
		pdf,
		join(dir, 'slip')
	]);
	const png = PNG.sync.read(readFileSync(join(dir, 'slip.png')));
	copyFileSync(join(dir, 'slip.png'), shotPath(`slip-${pages}p-${Math.round(Number(h))}`));

	const scale = DPI / 96;
	const decoded: Record<string, string | null> = {};
	for (const b of boxes) {
		const pad = 12;
		const x0 = Math.max(0, Math.floor(b.x * scale) - pad);
		const y0 = Math.max(0, Math.floor(b.y * scale) - pad);
		const cw = Math.min(png.width - x0, Math.ceil(b.w * scale) + 2 * pad);
		const ch = Math.min(png.height - y0, Math.ceil(b.h * scale) + 2 * pad);
		const rgba = new Uint8ClampedArray(cw * ch * 4);
		for (let y = 0; y < ch; y++) {
			const from = ((y0 + y) * png.width + x0) * 4;
			rgba.set(png.data.subarray(from, from + cw * 4), y * cw * 4);
		}
		decoded[b.id] = jsQR(rgba, cw, ch)?.data ?? null;
	}
	return {
		widthMm: Number(w) * MM_PER_PT,
		heightMm: Number(h) * MM_PER_PT,
		pages,
		qrWidthMm: boxes.map((b) => (b.w / 96) * 25.4),
		decoded,
		pdfText: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
	};
}

test('a micro-wish slip prints on one 58 mm page with a claim QR and a track QR that decode to this wish', async ({
	page,
	baseURL
}) => {
	await page.goto(kioskAddress(centerKiosk(0)));
	const text = `想要一些课外书 ${Date.now()}`;
	const ticket = await submitTyped(page, 'wish', text);
	const stored = (await wishByTicket(ticket))!;
	// The done screen printed the slip by itself, once.
	await expect.poll(() => prints(page)).toBe(1);

	const slip = await printAndDecode(page);
	expect(slip.pages).toBe(1);
	expect(slip.widthMm).toBeCloseTo(58, 0);
	expect(slip.heightMm).toBeGreaterThan(80);
	for (const w of slip.qrWidthMm) expect(w).toBeGreaterThanOrEqual(30);
	const claim = `${baseURL}/c/${stored.claim_code}`;
	const track = `${baseURL}/t/${stored.track_code}`;
	expect(slip.decoded).toEqual({ 'slip-claim-qr': claim, 'slip-track-qr': track });
	expect(claim.length).toBeLessThanOrEqual(40);
	// The printed text a person reads: ticket, category, the wish and the short codes.
	const flat = slip.pdfText.replace(/\s+/g, '');
	expect(flat).toContain(ticket);
	expect(flat).toContain('助学');
	expect(flat).toContain('想要一些课外书');
	expect(flat).toContain(stored.claim_code.slice(0, 4));
	expect(flat).toContain(stored.track_code.slice(0, 4));
});

test('a problem report slip carries only the track QR', async ({ page, baseURL }) => {
	await page.goto(kioskAddress(centerKiosk(1)));
	const ticket = await submitTyped(page, 'report', `教室的灯坏了 ${Date.now()}`);
	const stored = (await wishByTicket(ticket))!;
	const slip = await printAndDecode(page);
	expect(slip.pages).toBe(1);
	expect(slip.widthMm).toBeCloseTo(58, 0);
	expect(slip.decoded).toEqual({ 'slip-track-qr': `${baseURL}/t/${stored.track_code}` });
});
