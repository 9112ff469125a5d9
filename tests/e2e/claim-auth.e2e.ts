/**
 * Every member action over real HTTP needs a live session cookie: none, a forged one or one that
 * was signed out gets 401 and changes nothing in the hub.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { MEMBER_COOKIE } from '../../shared/protocol.ts';
import { hubDb } from './kiosk-helpers.ts';
import { photoPng } from './claim-helpers.ts';

async function openWish() {
	const w = await (
		await hubDb()
	).get<{ id: string; claim_code: string }>(
		`SELECT w.id, w.claim_code FROM wishes w JOIN sites s ON s.id = w.site_id
		WHERE s.slug = 'shifang' AND w.kind = 'wish' AND w.status = 'open' ORDER BY w.received_at LIMIT 1`
	);
	if (!w) throw new Error('the demo has no open micro-wish at 石房村');
	return w;
}

async function snapshot(wishId: string) {
	const db = await hubDb();
	return {
		wish: await db.get('SELECT status, member_id, updated_at FROM wishes WHERE id = ?', [wishId]),
		events: await db.get('SELECT count(*) AS n FROM events WHERE wish_id = ?', [wishId]),
		photos: await db.get('SELECT count(*) AS n FROM photos WHERE wish_id = ?', [wishId])
	};
}

/** A form POST the way a browser without scripts sends it (same origin). */
function post(
	request: APIRequestContext,
	url: string,
	form: Record<string, string>,
	cookie?: string
) {
	return request.post(url, {
		form,
		headers: { origin: new URL(url).origin, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		maxRedirects: 0
	});
}

/** Signs DY006 in over HTTP, signs out again, and returns the cookie that no longer works. */
async function signedOutCookie(request: APIRequestContext, baseURL: string): Promise<string> {
	const res = await post(request, `${baseURL}/m?/signin`, {
		memberNo: 'DY006',
		pin: DEMO_MEMBER_PIN,
		next: ''
	});
	expect(res.status()).toBe(303);
	const set = res.headers()['set-cookie'] ?? '';
	const token = new RegExp(`${MEMBER_COOKIE}=([^;]+)`).exec(set)?.[1];
	expect(set).toMatch(/HttpOnly/i);
	expect(set).toMatch(/SameSite=Lax/i);
	expect(set).not.toMatch(/Secure/i);
	if (!token) throw new Error('no session cookie was set');
	const cookie = `${MEMBER_COOKIE}=${token}`;
	const out = await post(request, `${baseURL}/m?/signout`, {}, cookie);
	expect(out.status()).toBe(303);
	return cookie;
}

test('member actions without a live session get 401 and change nothing', async ({
	playwright,
	baseURL
}) => {
	// A fresh request context: no cookies from other tests.
	const request = await playwright.request.newContext();
	const wish = await openWish();
	const before = await snapshot(wish.id);
	const cookies = [
		undefined,
		`${MEMBER_COOKIE}=forged-forged-forged-forged-forged-forged-aaa`,
		await signedOutCookie(request, baseURL!)
	];
	const page = `${baseURL}/c/${wish.claim_code}`;
	const actions: [string, Record<string, string>][] = [
		['claim', {}],
		['contact', { note: '' }],
		['start', { note: '' }],
		['resolve', { note: '办好了' }],
		['release', { reason: '没时间' }]
	];
	for (const cookie of cookies) {
		for (const [action, form] of actions) {
			const res = await post(request, `${page}?/${action}`, form, cookie);
			expect(res.status(), `${action} with ${cookie ?? 'no cookie'}`).toBe(401);
			expect(await res.text()).toContain('请先登录');
		}
		const upload = await request.post(`${baseURL}/api/photos?c=${wish.claim_code}`, {
			data: photoPng(),
			headers: { 'content-type': 'application/octet-stream', ...(cookie ? { cookie } : {}) }
		});
		expect(upload.status()).toBe(401);
		// And the page itself shows no contact to such a visitor.
		const view = await request.get(page, { headers: cookie ? { cookie } : {} });
		expect(await view.text()).not.toContain('data-testid="contact"');
	}
	expect(await snapshot(wish.id)).toEqual(before);
	await request.dispose();
});

test('sign-in only sends a member on to a path on this site', async ({ playwright, baseURL }) => {
	const request = await playwright.request.newContext();
	for (const next of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
		const res = await post(request, `${baseURL}/m?/signin`, {
			memberNo: 'DY007',
			pin: DEMO_MEMBER_PIN,
			next
		});
		expect(res.status()).toBe(303);
		expect(res.headers().location).toBe('/m');
	}
	const res = await post(request, `${baseURL}/m?/signin`, {
		memberNo: 'DY007',
		pin: DEMO_MEMBER_PIN,
		next: '/c/abcdefghjkmnp'
	});
	expect(res.headers().location).toBe('/c/abcdefghjkmnp');
	await request.dispose();
});
