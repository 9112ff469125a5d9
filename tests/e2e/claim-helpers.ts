/** Helpers for the claim/track browser tests: the slip's QR codes, a member's phone, a photo. */
import { expect, type Browser, type Page } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';

// jsqr is CommonJS with `export default` types: under nodenext the function sits on .default.
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

export const PHONE = { width: 390, height: 844 };

/** Headless Chromium has no print dialog to finish; the kiosk's print() becomes a no-op. */
export async function noPrintDialog(page: Page): Promise<void> {
	await page.addInitScript(() => {
		window.print = () => undefined;
	});
}

/** Reads one QR code off the slip as it renders for the printer. */
export async function slipQr(page: Page, which: 'claim' | 'track'): Promise<string> {
	const qr = page.getByTestId(`slip-${which}-qr`).locator('.qr');
	await expect(qr.locator('svg')).toHaveCount(1);
	await page.emulateMedia({ media: 'print' });
	try {
		const png = PNG.sync.read(await qr.screenshot({ scale: 'device' }));
		// A white margin, so the finder patterns have the quiet zone a scanner expects.
		const pad = 16;
		const out = new PNG({ width: png.width + 2 * pad, height: png.height + 2 * pad });
		out.data.fill(255);
		PNG.bitblt(png, out, 0, 0, png.width, png.height, pad, pad);
		const found = jsQR(new Uint8ClampedArray(out.data), out.width, out.height);
		if (!found) throw new Error(`the slip's ${which} QR did not decode`);
		return found.data;
	} finally {
		await page.emulateMedia({ media: 'screen' });
	}
}

/** A phone-sized browser context with its own cookies. */
export async function phone(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
	return ctx.newPage();
}

/** Signs a demo member in on the sign-in form the page is showing (after 登录后认领). */
export async function signIn(page: Page, memberNo: string, pin = DEMO_MEMBER_PIN): Promise<void> {
	await page.getByTestId('member-no').fill(memberNo);
	await page.getByTestId('pin').fill(pin);
	await page.getByTestId('signin').click();
}

/** A small real PNG, as a phone camera would hand it over (just smaller). */
export function photoPng(): Buffer {
	const png = new PNG({ width: 64, height: 48 });
	for (let i = 0; i < png.data.length; i += 4) {
		png.data[i] = 40;
		png.data[i + 1] = (i / 4) % 256;
		png.data[i + 2] = 120;
		png.data[i + 3] = 255;
	}
	return PNG.sync.write(png);
}
