import { expect, test } from '@playwright/test';
import { demoKiosks, kioskUrl } from './fixtures.ts';

test('pages carry a CSP without unsafe-eval and the hardening headers, and the kiosk still runs under it', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
	});
	const kiosk = demoKiosks()[0]!;
	const response = await page.goto(kioskUrl(kiosk));
	const headers = response!.headers();
	const csp = headers['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("frame-ancestors 'self'");
	expect(csp).not.toContain('unsafe-eval');
	expect(csp).toMatch(/script-src 'self' 'nonce-/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	await expect(page.getByTestId('wall-cards')).toBeVisible();
	expect(errors).toEqual([]);

	const health = await page.request.get('/healthz');
	expect(health.headers()['x-content-type-options']).toBe('nosniff');
});
