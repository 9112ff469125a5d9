import { expect, test } from '@playwright/test';
import {
	centerKiosk,
	kioskAddress,
	lastSeq,
	LANDSCAPE,
	SIZES,
	wishByTicket,
	shotPath
} from './kiosk-helpers.ts';

for (const { name, viewport } of SIZES) {
	test.describe(`kiosk intake at ${name} ${viewport.width}×${viewport.height}`, () => {
		test.use({ viewport });

		test('a resident types a wish with a phrase chip and a keypad phone, confirms it and gets a ticket', async ({
			page
		}) => {
			const kiosk = centerKiosk(name === 'portrait' ? 0 : 1);
			await page.goto(kioskAddress(kiosk));
			await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
			const before = await lastSeq(page);

			await page.getByTestId('start-wish').click();
			await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'category');
			await page.getByTestId('category-repair').click();
			await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'say');
			await page.getByTestId('phrase').filter({ hasText: '水管漏水' }).click();
			const text = `水管漏水，厨房下面一直滴水 ${Date.now()}`;
			await page.getByTestId('wish-text').fill(text);
			await page.getByTestId('next').click();

			await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'confirm');
			await expect(page.getByTestId('confirm-text')).toHaveText(text);
			await expect(page.getByTestId('confirm-contact')).toHaveText('没有留');
			await page.getByTestId('add-contact').click();
			await page.getByTestId('contact-name').fill('王奶奶');
			for (const digit of '13800001111') await page.getByTestId(`key-${digit}`).click();
			await page.getByTestId('key-delete').click();
			await page.getByTestId('key-2').click();
			await expect(page.getByTestId('contact-phone')).toHaveValue('13800001112');
			await page.getByTestId('contact-done').click();
			await expect(page.getByTestId('confirm-contact')).toHaveText('王奶奶 · 13800001112');
			await page.screenshot({ path: shotPath(`confirm-${name}`) });

			await page.getByTestId('submit').click();
			const ticket = page.getByTestId('ticket');
			await expect(ticket).toHaveText(/^[A-Z]-\d{4}$/);
			await page.screenshot({ path: shotPath(`done-${name}`) });
			const stored = await wishByTicket((await ticket.textContent())!);
			expect(stored).toMatchObject({
				kind: 'wish',
				text,
				voice_ms: null,
				contact_name: '王奶奶',
				contact_phone: '13800001112',
				channel: 'kiosk'
			});
			expect(await lastSeq(page)).toBe(before + 1);

			await page.getByTestId('home').click();
			await expect(page.getByTestId('wish-card').filter({ hasText: text })).toBeVisible();
		});
	});
}

test.describe('kiosk intake refuses bad input', () => {
	test.use({ viewport: LANDSCAPE });

	test('an empty wish, a 2,000-character text and a phone with letters get clear Chinese messages and store nothing', async ({
		page
	}) => {
		await page.goto(kioskAddress(centerKiosk(2)));
		await expect(page.getByTestId('counter-wishes')).not.toHaveText('—');
		const before = await lastSeq(page);

		await page.getByTestId('start-report').click();
		await page.getByTestId('category-lights').click();
		await page.getByTestId('next').click();
		await expect(page.getByTestId('error')).toHaveText('⚠ 请说一句话或写几个字，再提交');
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'say');

		await page.getByTestId('wish-text').fill('灯'.repeat(2000));
		await expect(page.getByTestId('text-count')).toContainText('已写 2000 字');
		await page.getByTestId('next').click();
		await expect(page.getByTestId('error')).toHaveText('⚠ 写得太长了，请控制在 500 字以内');
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'say');

		await page.getByTestId('wish-text').fill('路灯不亮');
		await page.getByTestId('next').click();
		await page.getByTestId('add-contact').click();
		await page.getByTestId('contact-phone').fill('138abc0000');
		await page.getByTestId('contact-done').click();
		await expect(page.getByTestId('error')).toHaveText('⚠ 电话只能填数字（7 到 12 位）');
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'contact');

		// Nothing reached the hub's log.
		expect(await lastSeq(page)).toBe(before);
		// Every screen has a way back: back out to the wall without submitting.
		await page.getByTestId('back').click();
		await page.getByTestId('back').click();
		await page.getByTestId('back').click();
		await page.getByTestId('back').click();
		await expect(page.getByTestId('start-wish')).toBeVisible();
		expect(await lastSeq(page)).toBe(before);
	});
});

test.describe('kiosk idle timeout', () => {
	test.use({ viewport: LANDSCAPE });

	test('after the idle time a full-screen warning counts down, a tap keeps the draft, and expiry clears it and returns to the wall', async ({
		page
	}) => {
		await page.goto(kioskAddress(centerKiosk(0), 'idle=2&warn=3'));
		await page.getByTestId('start-wish').click();
		await page.getByTestId('category-care').click();
		await page.getByTestId('wish-text').fill('想请人陪我聊聊天');

		const warning = page.getByTestId('idle-warning');
		await expect(warning).toBeVisible({ timeout: 4_000 });
		await expect(warning).toContainText('还需要时间吗？');
		await page.screenshot({ path: shotPath('idle-landscape') });
		// Any tap cancels: the draft is still there.
		await page.mouse.click(50, 50);
		await expect(warning).toBeHidden();
		await expect(page.getByTestId('wish-text')).toHaveValue('想请人陪我聊聊天');

		// Left alone: warning, countdown to zero, back to the wall.
		await expect(warning).toBeVisible({ timeout: 4_000 });
		await expect(page.getByTestId('idle-countdown')).toHaveText(/^[1-3]$/);
		await expect(page.getByTestId('start-wish')).toBeVisible({ timeout: 6_000 });
		// The draft is gone (privacy).
		await page.getByTestId('start-wish').click();
		await page.getByTestId('category-care').click();
		await expect(page.getByTestId('wish-text')).toHaveValue('');
	});
});

test.describe('kiosk without a usable microphone', () => {
	test.use({ viewport: LANDSCAPE });

	test('tapping the record button explains in plain words why it cannot record and offers writing instead', async ({
		page
	}) => {
		// This browser has neither a fake microphone nor permission to use a real one.
		await page.goto(kioskAddress(centerKiosk(1)));
		await page.getByTestId('start-wish').click();
		await page.getByTestId('category-repair').click();
		await page.getByTestId('record').click();
		await expect(page.getByTestId('voice-error')).toHaveText(
			/没能打开麦克风|这台机器没有麦克风|这台机器的设置不允许录音/
		);
		await expect(page.getByTestId('voice-error')).toContainText('请写字');
		await page.getByTestId('wish-text').fill('电灯不亮');
		await page.getByTestId('next').click();
		await expect(page.getByTestId('intake')).toHaveAttribute('data-step', 'confirm');
	});
});
