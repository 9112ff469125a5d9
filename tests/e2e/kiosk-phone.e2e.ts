import { expect, test } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { fakeMicLaunch } from './fake-mic.ts';
import { checkScreen } from './kiosk-a11y-rules.ts';
import { hubDb, lastSeq, type StoredWish, shotPath } from './kiosk-helpers.ts';

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQR }).default ??
	jsQRModule) as unknown as JsQR;

const PHONE = { width: 390, height: 844 };

test.use({
	viewport: PHONE,
	launchOptions: fakeMicLaunch()
});

async function stored(
	ticket: string
): Promise<(StoredWish & { kiosk_id: number | null }) | undefined> {
	return (await hubDb()).get(
		`SELECT id, kind, text, voice_ms, voice_mime, contact_name, contact_phone, claim_code,
			track_code, channel, kiosk_id FROM wishes WHERE ticket_no = ?`,
		[ticket]
	);
}

test('a resident’s child sends a typed wish from a phone without any device token and gets a track link instead of a slip', async ({
	page,
	baseURL
}) => {
	await page.goto('/w/shuanglong');
	await checkScreen(page, 'phone-home', 'phone');
	await page.getByTestId('start-wish').click();
	await checkScreen(page, 'phone-category', 'phone');
	await page.getByTestId('category-care').click();
	await checkScreen(page, 'phone-say', 'phone');
	const text = `我妈妈一个人住，想请人每周来看看她 ${Date.now()}`;
	await page.getByTestId('wish-text').fill(text);
	await page.getByTestId('next').click();
	await page.getByTestId('add-contact').click();
	await checkScreen(page, 'phone-contact', 'phone');
	await page.getByTestId('contact-name').fill('李女士');
	await page.getByTestId('contact-phone').fill('13900002222');
	await page.getByTestId('contact-done').click();
	await checkScreen(page, 'phone-confirm', 'phone');
	await page.getByTestId('submit').click();

	const ticket = page.getByTestId('ticket');
	await expect(ticket).toHaveText(/^WX-\d{4}$/);
	await checkScreen(page, 'phone-done', 'phone');
	const row = (await stored((await ticket.textContent())!))!;
	expect(row).toMatchObject({
		text,
		channel: 'phone',
		kiosk_id: null,
		contact_name: '李女士',
		contact_phone: '13900002222'
	});
	await expect(page.getByTestId('track-link')).toHaveAttribute(
		'href',
		`${baseURL}/t/${row.track_code}`
	);
});

test('a voice wish from a phone uploads its clip after the hub made the wish', async ({ page }) => {
	await page.goto('/w/shuanglong');
	await page.getByTestId('start-report').click();
	await page.getByTestId('category-sanitation').click();
	await page.getByTestId('record').click();
	await expect(page.getByTestId('record-clock')).toBeVisible();
	await page.waitForTimeout(1_500);
	await page.getByTestId('record').click();
	await page.getByTestId('submit').click();
	await expect(page.getByTestId('ticket')).toHaveText(/^WX-\d{4}$/);
	const row = (await stored((await page.getByTestId('ticket').textContent())!))!;
	expect(row.voice_ms).toBeGreaterThan(1_000);
	const clip = await page.request.get(`/api/voice/${row.id}?code=${row.track_code}`);
	expect(clip.status()).toBe(200);
	expect(clip.headers()['content-type']).toBe('audio/webm');
	expect((await clip.body()).subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
	// A second upload for the same wish is not a way to replace it.
	const again = await page.request.put(`/api/voice/${row.id}`, {
		headers: { 'content-type': 'audio/webm' },
		data: Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(100)])
	});
	expect(again.status()).toBe(200);
	const kept = await page.request.get(`/api/voice/${row.id}?code=${row.track_code}`);
	expect((await kept.body()).equals(await clip.body())).toBe(true);
});

test('the phone endpoint refuses bad wishes with a reason, stores nothing, and an unknown site gets a friendly page', async ({
	page
}) => {
	const before = await lastSeq(page);
	const good = {
		kind: 'wish',
		category: 'care',
		text: '帮忙买菜',
		voice: null,
		contactName: '',
		contactPhone: ''
	};
	const cases: [Record<string, unknown>, string][] = [
		[{ ...good, text: '' }, 'empty_wish'],
		[{ ...good, text: '菜'.repeat(2000) }, 'text_too_long'],
		[{ ...good, contactPhone: '138abc' }, 'bad_phone'],
		[{ ...good, category: 'weather' }, 'bad_category'],
		[{ ...good, ticketNo: 'A-0001' }, 'invalid_payload']
	];
	for (const [body, code] of cases) {
		const res = await page.request.post('/w/shuanglong/submit', { data: body });
		expect(res.status(), code).toBe(400);
		const answer = (await res.json()) as { error: string };
		if (code !== 'invalid_payload') expect(answer.error).toBe(code);
	}
	expect(await lastSeq(page)).toBe(before);

	await page.goto('/w/shuanglong');
	await page.getByTestId('start-wish').click();
	await page.getByTestId('category-care').click();
	await page.getByTestId('next').click();
	await expect(page.getByTestId('error')).toHaveText('⚠ 请说一句话或写几个字，再提交');

	await page.goto('/w/no-such-place');
	await expect(page.getByTestId('phone-not-found')).toHaveText('没有找到这个服务点');
});

test('the A4 poster carries a QR code that opens this site’s phone page', async ({
	page,
	baseURL
}) => {
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.goto('/w/shuanglong/poster');
	await expect(page.getByTestId('poster')).toContainText('双龙村党群服务中心');
	const png = PNG.sync.read(await page.locator('.qr').screenshot());
	const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	expect(decoded?.data).toBe(`${baseURL}/w/shuanglong`);
	await page.screenshot({ path: shotPath('poster') });
});

test('phone wishes from one address are rate-limited with a friendly message', async ({ page }) => {
	const body = {
		kind: 'report',
		category: 'lights',
		text: '路灯不亮',
		voice: null,
		contactName: '',
		contactPhone: ''
	};
	let refused = false;
	for (let i = 0; i < 8 && !refused; i++) {
		const res = await page.request.post('/w/shuanglong/submit', { data: body });
		refused = res.status() === 429;
		if (!refused) expect(res.status()).toBe(201);
		else expect(await res.json()).toMatchObject({ ok: false, error: 'rate_limited' });
	}
	expect(refused).toBe(true);
	const before = await lastSeq(page);
	await page.goto('/w/shuanglong');
	await page.getByTestId('start-report').click();
	await page.getByTestId('category-lights').click();
	await page.getByTestId('wish-text').fill('路灯还是不亮');
	await page.getByTestId('next').click();
	await page.getByTestId('submit').click();
	await expect(page.getByTestId('error')).toHaveText('⚠ 提交太频繁了，请过几分钟再试');
	expect(await lastSeq(page)).toBe(before);
});
