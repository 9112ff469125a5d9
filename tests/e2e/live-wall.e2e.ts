import { expect, test } from '@playwright/test';
import { demoKiosks, kioskUrl, twoKiosksOfOneSite } from './fixtures.ts';

test('a wish typed on one kiosk appears on the other kiosk of the same site without reload', async ({
	browser
}) => {
	const [a, b] = twoKiosksOfOneSite();
	const other = demoKiosks().find((k) => k.site !== a.site)!;
	// Separate contexts: separate localStorage, like two physical kiosks.
	const [ctxA, ctxB, ctxOther] = await Promise.all([
		browser.newContext(),
		browser.newContext(),
		browser.newContext()
	]);
	const pageA = await ctxA.newPage();
	const pageB = await ctxB.newPage();
	const pageOther = await ctxOther.newPage();
	await Promise.all([
		pageA.goto(kioskUrl(a)),
		pageB.goto(kioskUrl(b)),
		pageOther.goto(kioskUrl(other))
	]);
	await expect(pageB.getByTestId('wall-cards')).toBeVisible();
	await expect(pageB.getByTestId('counter-wishes')).not.toHaveText('—');
	const before = Number(await pageB.getByTestId('counter-wishes').textContent());

	const text = `端到端测试：门口台阶坏了 ${Date.now()}`;
	await pageA.getByTestId('start-wish').click();
	await pageA.getByTestId('category-repair').click();
	await pageA.getByTestId('wish-text').fill(text);
	await pageA.getByTestId('next').click();
	// Contact is optional and offered on the confirm screen; this resident leaves none.
	await expect(pageA.getByTestId('confirm-text')).toHaveText(text);
	await pageA.getByTestId('submit').click();
	await expect(pageA.getByTestId('ticket')).toHaveText(/^[A-Z]-\d{4}$/);

	const card = pageB.getByTestId('wish-card').filter({ hasText: text });
	await expect(card).toBeVisible({ timeout: 2_000 });
	await expect(card).toHaveAttribute('data-status', 'open');
	await expect(pageB.getByTestId('counter-wishes')).toHaveText(String(before + 1));
	// Kiosk A's own wall shows it once it returns home.
	await pageA.getByTestId('home').click();
	await expect(pageA.getByTestId('wish-card').filter({ hasText: text })).toBeVisible();
	// Another site's wall never shows it.
	await pageOther.waitForTimeout(500);
	await expect(pageOther.getByTestId('wish-card').filter({ hasText: text })).toHaveCount(0);
	await Promise.all([ctxA.close(), ctxB.close(), ctxOther.close()]);
});

test('a kiosk without a device token is told to ask staff instead of showing the wall', async ({
	page
}) => {
	await page.goto('/kiosk/shuanglong');
	await expect(page.getByTestId('refused')).toContainText('请联系工作人员');
});

test('the kiosk page arrives with its frame drawn (name and the ways in) before any of its code runs', async ({
	request
}) => {
	const [a] = twoKiosksOfOneSite();
	const res = await request.get(`/kiosk/${a.site}`);
	expect(res.status()).toBe(200);
	const html = await res.text();
	// Server-rendered: a slow kiosk paints this with the HTML; the live wall replaces it on mount.
	expect(html).toContain('data-testid="wall-frame"');
	expect(html).toContain('data-testid="start-wish"');
	expect(html).toContain('微心愿');
	expect(html).toContain('反映问题');
	// Without the device cookie (kiosk-boot.e2e.ts) nothing of the device (token, wishes) is in it.
	expect(html).not.toContain(a.token);
});
