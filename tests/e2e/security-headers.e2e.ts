import { expect, test } from '@playwright/test';
import { privateHub } from './desk-helpers.ts';
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

test('pages with residents’ or staff data are never stored by a browser or a proxy; the kiosk’s are', async ({
	page
}) => {
	for (const path of [
		'/desk',
		'/desk/login',
		'/desk/admin',
		'/m',
		'/c/abcdefghjkmnp',
		'/t/abcdefghjkmnp',
		'/f'
	]) {
		const res = await page.request.get(path, { maxRedirects: 0 });
		expect(res.headers()['cache-control'], path).toBe('no-store');
	}
	const kiosk = await page.request.get(kioskUrl(demoKiosks()[0]!));
	expect(kiosk.headers()['cache-control'] ?? '').not.toContain('no-store');
});

test('a client’s malformed or oversized request is one line in the hub’s log, never a stack trace', async ({
	request
}) => {
	const { base, close } = await privateHub();
	const lines: string[] = [];
	const record = (...args: unknown[]) =>
		lines.push(
			args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' ')
		);
	const warn = console.warn;
	const error = console.error;
	console.warn = record;
	console.error = record;
	try {
		const json = await request.post(`${base}/c/abcdefghjkmnp?/claim`, {
			headers: { 'content-type': 'application/json', origin: base },
			data: '{"not":"a form"}'
		});
		expect(json.status()).toBe(415);
		const huge = await request.post(`${base}/desk/login`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
			data: `username=${'x'.repeat(600_000)}`
		});
		expect(huge.status()).toBeLessThan(500);
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line, 'one line, no stack').not.toMatch(/\n|\bat \S+ \(/);
	} finally {
		console.warn = warn;
		console.error = error;
		await close();
	}
});
