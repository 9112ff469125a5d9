import { expect, test } from '@playwright/test';
import { checkScreen as check } from './kiosk-a11y-rules.ts';
import { centerKiosk, kioskAddress, SIZES } from './kiosk-helpers.ts';

for (const { name, viewport } of SIZES) {
	test.describe(`every kiosk screen at ${name}`, () => {
		test.use({ viewport });
		test.beforeEach(async ({ page }) => {
			await page.addInitScript(() => {
				window.print = () => undefined;
			});
		});

		test('meets the elder-grade rules: axe, target sizes and gaps, font sizes, contrast', async ({
			page
		}) => {
			await page.goto(kioskAddress(centerKiosk(name === 'portrait' ? 2 : 3), 'idle=600'));
			await expect(page.getByTestId('wish-card').first()).toBeVisible();
			await check(page, 'wall', name);

			await page.getByTestId('start-track').click();
			await expect(page.getByTestId('track-screen')).toBeVisible();
			await check(page, 'track', name);
			await page.getByTestId('back').click();

			await page.getByTestId('start-wish').click();
			await check(page, 'category', name);
			await page.getByTestId('category-health').click();
			await check(page, 'say', name);
			await page.getByTestId('next').click();
			await expect(page.getByTestId('error')).toBeVisible();
			await check(page, 'say-error', name);
			await page.getByTestId('phrase').first().click();
			await page.getByTestId('next').click();
			await check(page, 'confirm', name);
			await page.getByTestId('add-contact').click();
			await check(page, 'contact', name);
			await page.getByTestId('skip-contact').click();
			await page.getByTestId('submit').click();
			await expect(page.getByTestId('ticket')).toBeVisible();
			await check(page, 'done', name);
		});

		test('the idle warning meets the elder-grade rules too', async ({ page }) => {
			await page.goto(kioskAddress(centerKiosk(0), 'idle=1&warn=60'));
			await page.getByTestId('start-report').click();
			await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 3_000 });
			await check(page, 'idle', name);
		});
	});
}
