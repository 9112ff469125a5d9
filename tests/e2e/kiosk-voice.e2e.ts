import { expect, test, type Page } from '@playwright/test';
import type { DemoKiosk } from '../../hub/demo/seed.ts';
import {
	centerKiosk,
	countTaps,
	kioskAddress,
	LANDSCAPE,
	lastSeq,
	PORTRAIT,
	wishByTicket,
	shotPath
} from './kiosk-helpers.ts';
import { fakeMicLaunch } from './fake-mic.ts';

test.use({ launchOptions: fakeMicLaunch(['--autoplay-policy=no-user-gesture-required']) });

/** Fetches the stored clip as the kiosk would, and decodes it with the browser's audio stack. */
async function decodeStoredClip(page: Page, id: string, kiosk: DemoKiosk) {
	return page.evaluate(
		async ({ id, token }) => {
			const res = await fetch(`/api/voice/${id}`, {
				headers: { authorization: `Bearer ${token}` }
			});
			const bytes = await res.arrayBuffer();
			const audio = await new AudioContext().decodeAudioData(bytes.slice(0));
			return {
				status: res.status,
				type: res.headers.get('content-type'),
				cache: res.headers.get('cache-control'),
				size: bytes.byteLength,
				magic: Array.from(new Uint8Array(bytes.slice(0, 4))),
				seconds: audio.duration
			};
		},
		{ id, token: kiosk.token }
	);
}

test.describe('voice wishes at 1080×1920', () => {
	test.use({ viewport: PORTRAIT });

	test('a voice-only wish takes five taps from the wall, and the hub stores a clip of that length that plays back', async ({
		page
	}) => {
		const taps = await countTaps(page);
		const kiosk = centerKiosk(3);
		await page.goto(kioskAddress(kiosk));
		await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');

		await page.getByTestId('start-wish').click(); // 1
		await page.getByTestId('category-care').click(); // 2
		await page.getByTestId('record').click(); // 3
		await expect(page.getByTestId('record-clock')).toBeVisible();
		await page.waitForTimeout(2_500);
		await page.screenshot({ path: shotPath('recording-portrait') });
		await page.getByTestId('record').click(); // 4
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'confirm');
		await expect(page.getByTestId('confirm-voice')).toHaveText(/语音心愿 · [2-4] 秒/);
		await page.getByTestId('submit').click(); // 5
		await expect(page.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
		expect(await taps()).toBe(5);

		const stored = await wishByTicket((await page.getByTestId('ticket').textContent())!);
		expect(stored?.text).toBe('');
		expect(stored?.voice_mime).toBe('audio/webm');
		expect(stored?.voice_ms).toBeGreaterThan(2_000);
		expect(stored?.voice_ms).toBeLessThan(5_000);

		const clip = await decodeStoredClip(page, stored!.id, kiosk);
		expect(clip.status).toBe(200);
		expect(clip.type).toBe('audio/webm');
		expect(clip.cache).toContain('private');
		expect(clip.magic).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
		expect(clip.size).toBeGreaterThan(2_000);
		// The clip really holds about as much sound as the kiosk said it recorded.
		expect(Math.abs(clip.seconds * 1000 - stored!.voice_ms!)).toBeLessThan(1_000);

		const head = await page.request.head(`/api/voice/${stored!.id}`, {
			headers: { authorization: `Bearer ${kiosk.token}` }
		});
		expect(head.status()).toBe(200);
		expect(head.headers()['content-type']).toBe('audio/webm');
		// Without a token or code nobody hears it.
		expect((await page.request.get(`/api/voice/${stored!.id}`)).status()).toBe(404);
		// The member's claim code opens it (the claim page plays it).
		const byCode = await page.request.get(`/api/voice/${stored!.id}?code=${stored!.claim_code}`);
		expect(byCode.status()).toBe(200);
	});
});

test.describe('voice wishes at 1920×1080', () => {
	test.use({ viewport: LANDSCAPE });

	test('recording is never cut off by the idle timeout, and the clip can be played back and re-recorded before submitting', async ({
		page
	}) => {
		const kiosk = centerKiosk(4);
		await page.goto(kioskAddress(kiosk, 'idle=3&warn=1'));
		await page.getByTestId('start-report').click();
		await page.getByTestId('category-sanitation').click();
		await page.getByTestId('record').click();
		await expect(page.getByTestId('record-clock')).toBeVisible();
		// Longer than idle + warning: no warning while recording.
		await page.waitForTimeout(5_000);
		await expect(page.getByTestId('idle-warning')).toBeHidden();
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'say');
		const meter = page.getByRole('meter');
		await expect
			.poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 3_000 })
			.toBeGreaterThan(0);
		await page.screenshot({ path: shotPath('recording-landscape') });
		await page.getByTestId('record').click();
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'confirm');

		await page.getByTestId('play-voice').click();
		await expect(page.getByTestId('play-voice')).toHaveAttribute('aria-pressed', 'true');
		await page.screenshot({ path: shotPath('confirm-voice-landscape') });
		await page.getByTestId('edit').click();
		await expect(page.getByTestId('recorded')).toBeVisible();
		await page.getByTestId('discard-voice').click();
		await page.getByTestId('next').click();
		await expect(page.getByTestId('error')).toContainText('请说一句话或写几个字');
		await page.getByTestId('record').click();
		await page.waitForTimeout(1_200);
		await page.getByTestId('record').click();
		await page.getByTestId('submit').click();
		await expect(page.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);
		const stored = await wishByTicket((await page.getByTestId('ticket').textContent())!);
		expect(stored?.voice_ms).toBeGreaterThan(900);
		expect(stored?.voice_ms).toBeLessThan(3_000);
	});
});

test.describe('voice failures at 1920×1080', () => {
	test.use({ viewport: LANDSCAPE });

	test('when the clip cannot be uploaded the kiosk keeps the wish with its clip, prints a 待同步 slip, and sends both once uploads work', async ({
		page
	}) => {
		await page.route('**/api/voice/**', (route) => route.abort('connectionrefused'));
		await page.goto(kioskAddress(centerKiosk(0)));
		await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
		const before = await lastSeq(page);
		await page.getByTestId('start-wish').click();
		await page.getByTestId('category-other').click();
		await page.getByTestId('record').click();
		await expect(page.getByTestId('record-clock')).toBeVisible();
		await page.waitForTimeout(1_000);
		await page.getByTestId('record').click();
		await page.getByTestId('submit').click();
		await expect(page.getByTestId('pending-sync')).toContainText('待同步', { timeout: 15_000 });
		const ticket = (await page.getByTestId('ticket').textContent())!.trim();
		// A wish never reaches the desk without its clip: nothing was sent yet.
		expect(await lastSeq(page)).toBe(before);
		expect(await wishByTicket(ticket)).toBeUndefined();

		await page.unroute('**/api/voice/**');
		await expect.poll(() => wishByTicket(ticket), { timeout: 45_000 }).toBeDefined();
		const stored = (await wishByTicket(ticket))!;
		expect(stored.voice_ms).toBeGreaterThan(500);
		expect((await decodeStoredClip(page, stored.id, centerKiosk(0))).status).toBe(200);
	});
});
