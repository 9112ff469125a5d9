import { expect, test } from '@playwright/test';
import { centerKiosk, kioskAddress, LANDSCAPE } from './kiosk-helpers.ts';

test.use({ viewport: LANDSCAPE });

test('the read-aloud button plays the screen’s pre-rendered prompt, and the confirm screen reads the typed wish back through the hub', async ({
	page
}) => {
	await page.goto(kioskAddress(centerKiosk(1)));
	await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');

	const prompt = page.waitForResponse((r) => r.url().endsWith('/audio/prompts/wall.wav'));
	await page.getByTestId('read-aloud').click();
	const wav = await prompt;
	// The audio element may ask for a byte range: 206 is a success too.
	expect([200, 206]).toContain(wav.status());
	expect(wav.headers()['content-type']).toContain('audio/wav');
	await expect(page.getByTestId('read-aloud')).toHaveAttribute('aria-pressed', 'true');
	// A second tap stops it.
	await page.getByTestId('read-aloud').click();
	await expect(page.getByTestId('read-aloud')).toHaveAttribute('aria-pressed', 'false');

	await page.getByTestId('start-report').click();
	await page.getByTestId('category-sanitation').click();
	await page.getByTestId('wish-text').fill('垃圾三天没有清运了');
	// Chromium here has no Mandarin voice of its own, so the kiosk asks the hub's engine.
	const spoken = page.waitForResponse(
		(r) => r.url().endsWith('/api/speech') && r.request().method() === 'POST'
	);
	await page.getByTestId('next').click();
	const speech = await spoken;
	expect(speech.status()).toBe(200);
	expect(speech.headers()['content-type']).toBe('audio/wav');
	expect(JSON.parse(speech.request().postData()!)).toEqual({ text: '垃圾三天没有清运了' });
	// Leaving the screen silences it.
	await page.getByTestId('back').click();
	await expect(page.getByTestId('read-aloud')).toHaveAttribute('aria-pressed', 'false');
});
