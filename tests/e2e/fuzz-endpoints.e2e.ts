/**
 * Fuzzing the built app's server side: garbage forms, JSON and bytes to every SvelteKit
 * form action and +server.ts endpoint, anonymous and signed in as the demo dispatcher. Nothing
 * may answer 5xx, and the hub must still be healthy afterwards.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import fc from 'fast-check';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { hostileValue, TRICKY_STRINGS } from '../helpers/fuzz-payloads.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const PER_TARGET = 6;

/** Every page with form actions (`?/name`; `default` is the bare path) and every endpoint. */
const ACTIONS: Record<string, string[]> = {
	'/c/ABCDEFGHJKMNP': ['claim', 'contact', 'start', 'resolve', 'release'],
	'/desk/admin': [
		'createSite',
		'updateSite',
		'createKiosk',
		'newCode',
		'revokeKiosk',
		'resolveAlert',
		'createPost',
		'togglePost',
		'createMember',
		'setMemberRoles',
		'toggleMember',
		'resetPin',
		'importMembers',
		'saveCategory',
		'saveSettings',
		'createStaff',
		'toggleStaff',
		'resetStaffPassword'
	],
	'/desk/enrol/ABCDEFGHJKMNP': ['default'],
	'/desk/households': ['create', 'import'],
	'/desk/households/1': ['update', 'pair', 'end', 'income'],
	'/desk/login': ['default'],
	'/desk/password': ['default'],
	'/desk/stations': ['state', 'service', 'pin'],
	'/desk/stations/activities': ['save', 'attend', 'cancel', 'walkin'],
	'/desk/stations/checkin/ABCDEFGHJKMNP': ['default'],
	'/f': ['accept', 'arrive', 'start', 'findings', 'fixed', 'handBack'],
	'/h/ABCDEFGHJKMNP': ['visit'],
	'/m': ['signin'],
	'/m/visit/1': ['visit'],
	'/t/ABCDEFGHJKMNP': ['rate']
};
const ENDPOINTS = [
	{ method: 'POST', path: '/w/shuanglong/submit' },
	{ method: 'POST', path: '/w/no-such-site/submit' },
	{ method: 'POST', path: '/kiosk/shuanglong/device' },
	{ method: 'POST', path: '/kiosk/no-such-site/device' },
	{ method: 'GET', path: '/desk/figures/export' },
	{ method: 'GET', path: '/desk/households/export' }
];

/** Field names the actions read, plus hostile ones. */
const FIELDS = [
	'username',
	'password',
	'current',
	'next',
	'pin',
	'memberNo',
	'displayName',
	'phone',
	'siteSlug',
	'slug',
	'name',
	'id',
	'kioskId',
	'siteId',
	'postId',
	'memberId',
	'serviceId',
	'activityId',
	'date',
	'state',
	'note',
	'text',
	'stars',
	'comment',
	'csv',
	'category',
	'phrases',
	'active',
	'role',
	'wishId',
	'seq',
	'photoId',
	'lat',
	'lng',
	'reason',
	'posts',
	'party',
	'__proto__',
	'constructor'
];

const asText = (x: unknown): string => {
	try {
		const s = typeof x === 'string' ? x : JSON.stringify(x);
		return (s ?? String(x)).slice(0, 5_000);
	} catch {
		return 'x';
	}
};
// No demo account names among the values: wrong passwords would lock them for later e2e tests.
const formValue = fc.oneof(hostileValue.map(asText), fc.constantFrom(...TRICKY_STRINGS));
const form = fc.dictionary(
	fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 6 })),
	formValue,
	{
		maxKeys: 6
	}
);
const body = fc.oneof(
	form.map((f) => ({ kind: 'form' as const, f })),
	form.map((f) => ({ kind: 'multipart' as const, f })),
	hostileValue.map((x) => ({ kind: 'json' as const, raw: asText(x) })),
	fc.uint8Array({ maxLength: 2_048 }).map((b) => ({ kind: 'bytes' as const, b: Buffer.from(b) }))
);

type Body = typeof body extends fc.Arbitrary<infer B> ? B : never;

function send(api: APIRequestContext, method: string, url: string, origin: string, b: Body) {
	// One connection per request: a reused keep-alive socket the server is just closing resets.
	const headers = { origin, connection: 'close' };
	const opts =
		b.kind === 'form'
			? { headers, form: b.f }
			: b.kind === 'multipart'
				? { headers, multipart: b.f }
				: b.kind === 'json'
					? { headers: { ...headers, 'content-type': 'application/json' }, data: b.raw }
					: { headers: { ...headers, 'content-type': 'application/octet-stream' }, data: b.b };
	return api.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false, ...opts });
}

/** An action's JSON answer can carry the 500 of an unexpected error under a 200 status. */
async function thrownInside(res: APIResponse): Promise<boolean> {
	if (!(res.headers()['content-type'] ?? '').includes('json')) return false;
	try {
		const r = (await res.json()) as { type?: string; status?: number };
		return r.type === 'error' && (r.status ?? res.status()) >= 500;
	} catch {
		return false;
	}
}

function targets(): { method: string; url: string }[] {
	const out: { method: string; url: string }[] = [];
	for (const [path, names] of Object.entries(ACTIONS))
		for (const n of names)
			out.push({ method: 'POST', url: n === 'default' ? path : `${path}?/${n}` });
	for (const e of ENDPOINTS) out.push({ method: e.method, url: e.path });
	return out;
}

test('no form action or endpoint answers garbage with a 5xx, anonymous or signed in', async ({
	playwright,
	baseURL
}) => {
	test.setTimeout(240_000);
	const origin = baseURL!;
	const anonymous = await playwright.request.newContext({ baseURL: origin });
	const signedIn = await playwright.request.newContext({ baseURL: origin });
	const login = await signedIn.post('/desk/login', {
		headers: { origin },
		form: { username: DEMO_DISPATCHER.username, password: DEMO_DISPATCHER.password },
		maxRedirects: 0
	});
	// Without Accept: text/html SvelteKit answers an action with JSON: here, the redirect to /desk.
	expect(await login.json()).toMatchObject({ type: 'redirect', location: '/desk' });

	const bodies = fc.sample(body, { numRuns: 2_000, seed: SEED });
	const all = targets();
	const problems: string[] = [];
	let sent = 0;
	for (const [who, api] of [
		['anonymous', anonymous],
		['dispatcher', signedIn]
	] as const) {
		for (const [i, t] of all.entries()) {
			for (let k = 0; k < PER_TARGET; k++) {
				const b = bodies[(i * PER_TARGET + k + (who === 'anonymous' ? 0 : 997)) % bodies.length]!;
				// A cross-site form post must be refused too: one in six comes from another origin.
				const res = await send(api, t.method, t.url, k === 5 ? 'https://evil.example' : origin, b);
				sent += 1;
				if (res.status() >= 500 || (await thrownInside(res)))
					problems.push(`${who} ${t.method} ${t.url} ${b.kind}: ${res.status()}`);
			}
		}
	}
	expect(sent).toBeGreaterThan(400);
	expect(problems).toEqual([]);

	// Still signed in (nothing above signed the dispatcher out or broke the session store) …
	const desk = await signedIn.get('/desk', { maxRedirects: 0 });
	expect(desk.status()).toBe(200);
	// … and the hub is healthy.
	const health = await anonymous.get('/healthz');
	expect(health.status()).toBe(200);
	await anonymous.dispose();
	await signedIn.dispose();
});
