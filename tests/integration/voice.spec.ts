import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	closeAll,
	connectKiosk,
	makeWish,
	startTestHub,
	submit,
	type TestHub
} from '../helpers/start-hub.ts';

const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 7)]);
const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(3000, 1)]);
const VOICE = { durationMs: 4_000, mime: 'audio/webm' as const };

afterEach(closeAll);

function url(t: TestHub, path: string): string {
	return `http://127.0.0.1:${t.hub.port}${path}`;
}

function put(t: TestHub, id: string, body: Buffer, headers: Record<string, string>) {
	return fetch(url(t, `/api/voice/${id}`), { method: 'PUT', headers, body: new Uint8Array(body) });
}

async function kioskAt(t: TestHub, site: string, i = 0) {
	const k = t.kiosksAt(site)[i]!;
	const { socket, hello } = await connectKiosk(t.hub, k.token);
	return { token: k.token, socket, hello };
}

describe('voice clips over HTTP', () => {
	it('stores a clip sent before its wish, keeps the first copy on a resend, and serves it privately to the kiosk', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'shuanglong');
		const wish = makeWish(a.hello.ticketPrefix, 9001, { text: '', voice: VOICE });
		const auth = { authorization: `Bearer ${a.token}`, 'content-type': 'audio/webm' };

		const first = await put(t, wish.id, WEBM, auth);
		expect(first.status).toBe(201);
		expect(await submit(a.socket, wish)).toMatchObject({ ok: true });
		const again = await put(t, wish.id, Buffer.concat([WEBM, WEBM]), auth);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ stored: false });
		expect(await readFile(join(t.dataDir, 'voice', `${wish.id}.webm`))).toEqual(WEBM);

		const got = await fetch(url(t, `/api/voice/${wish.id}`), {
			headers: { authorization: `Bearer ${a.token}` }
		});
		expect(got.status).toBe(200);
		expect(got.headers.get('content-type')).toBe('audio/webm');
		expect(got.headers.get('cache-control')).toMatch(/^private/);
		expect(Buffer.from(await got.arrayBuffer())).toEqual(WEBM);
		const byTrack = await fetch(url(t, `/api/voice/${wish.id}?code=${wish.trackCode}`));
		expect(byTrack.status).toBe(200);
	});

	it('stores a clip sent after its wish', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'shuanglong');
		const wish = makeWish(a.hello.ticketPrefix, 9002, {
			text: '',
			voice: { durationMs: 2_000, mime: 'audio/ogg' }
		});
		expect(await submit(a.socket, wish)).toMatchObject({ ok: true });
		const res = await put(t, wish.id, OGG, {
			authorization: `Bearer ${a.token}`,
			'content-type': 'audio/ogg'
		});
		expect(res.status).toBe(201);
		const head = await fetch(url(t, `/api/voice/${wish.id}`), {
			method: 'HEAD',
			headers: { authorization: `Bearer ${a.token}` }
		});
		expect(head.headers.get('content-type')).toBe('audio/ogg');
		expect(head.headers.get('content-length')).toBe(String(OGG.length));
	});

	it('refuses clips that are too large, mislabelled, not audio, unauthenticated or for another kiosk, and stores none of them', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'shuanglong', 0);
		const b = await kioskAt(t, 'shuanglong', 1);
		const wish = makeWish(a.hello.ticketPrefix, 9003, { text: '', voice: VOICE });
		expect(await submit(a.socket, wish)).toMatchObject({ ok: true });
		const asA = { authorization: `Bearer ${a.token}`, 'content-type': 'audio/webm' };
		const cases: [string, Promise<Response>, number][] = [
			[
				'over 2 MB',
				put(t, wish.id, Buffer.concat([WEBM, Buffer.alloc(2 * 1024 * 1024)]), asA),
				413
			],
			['webm label on ogg bytes', put(t, wish.id, OGG, asA), 415],
			['not audio at all', put(t, wish.id, Buffer.from('<html>hello</html>'), asA), 415],
			[
				'a type the wish did not declare',
				put(t, wish.id, OGG, { ...asA, 'content-type': 'audio/ogg' }),
				415
			],
			[
				'an unknown token',
				put(t, wish.id, WEBM, { ...asA, authorization: 'Bearer nope-nope-nope-nope' }),
				401
			],
			['no token for a kiosk wish', put(t, wish.id, WEBM, { 'content-type': 'audio/webm' }), 403],
			['another kiosk', put(t, wish.id, WEBM, { ...asA, authorization: `Bearer ${b.token}` }), 403],
			['an empty body', put(t, wish.id, Buffer.alloc(0), asA), 400],
			['a malformed id', put(t, 'not-a-wish-id', WEBM, asA), 404]
		];
		for (const [label, response, status] of cases) {
			expect((await response).status, label).toBe(status);
		}
		const got = await fetch(url(t, `/api/voice/${wish.id}`), {
			headers: { authorization: `Bearer ${a.token}` }
		});
		expect(got.status).toBe(404);
	});

	it('does not play a clip to a kiosk of another site, nor to a wrong code', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'shuanglong');
		const other = t.kiosksAt('tieshiya')[0]!;
		const wish = makeWish(a.hello.ticketPrefix, 9004, { text: '', voice: VOICE });
		expect(await submit(a.socket, wish)).toMatchObject({ ok: true });
		await put(t, wish.id, WEBM, {
			authorization: `Bearer ${a.token}`,
			'content-type': 'audio/webm'
		});
		const foreign = await fetch(url(t, `/api/voice/${wish.id}`), {
			headers: { authorization: `Bearer ${other.token}` }
		});
		expect(foreign.status).toBe(404);
		const wrongCode = await fetch(url(t, `/api/voice/${wish.id}?code=0000000000000`));
		expect(wrongCode.status).toBe(404);
	});
});

describe('speech for dynamic text', () => {
	it('speaks Mandarin text for an enrolled kiosk through the out-of-process engine and caches it', async () => {
		const t = await startTestHub();
		const token = t.kiosksAt('shuanglong')[0]!.token;
		const status = await (await fetch(url(t, '/api/speech'))).json();
		expect(status).toEqual({ available: true });
		const say = () =>
			fetch(url(t, '/api/speech'), {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ text: '水管漏水了' })
			});
		const res = await say();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('audio/wav');
		const wav = Buffer.from(await res.arrayBuffer());
		expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(wav.length).toBeGreaterThan(10_000);
		// The second request is answered from the cache folder, not rendered again.
		const dir = join(t.dataDir, 'speech');
		const cached = await readdir(dir);
		expect(cached).toHaveLength(1);
		const marker = Buffer.concat([wav.subarray(0, 44), Buffer.from('cached')]);
		await writeFile(join(dir, cached[0]!), marker);
		expect(Buffer.from(await (await say()).arrayBuffer())).toEqual(marker);
	});

	it('refuses speech without a device token or with unusable text', async () => {
		const t = await startTestHub();
		const token = t.kiosksAt('shuanglong')[0]!.token;
		const post = (body: string, auth = true) =>
			fetch(url(t, '/api/speech'), {
				method: 'POST',
				headers: auth ? { authorization: `Bearer ${token}` } : {},
				body
			});
		expect((await post(JSON.stringify({ text: '你好' }), false)).status).toBe(401);
		expect((await post(JSON.stringify({ text: '' }))).status).toBe(400);
		expect((await post(JSON.stringify({ text: '长'.repeat(301) }))).status).toBe(400);
		expect((await post('not json')).status).toBe(400);
	});
});
