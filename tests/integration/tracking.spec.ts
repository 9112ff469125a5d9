/**
 * Progress, photos, the resident's timeline and ratings on a real hub: HTTP for photos, the
 * services for the rest, the kiosk socket for the no-phone path.
 */
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.ts';
import { MEMBER_COOKIE } from '../../shared/protocol.ts';
import {
	closeMemberHubs,
	kioskAt,
	signedInMembers,
	startMemberHub,
	wishEvents,
	wishStatus,
	type MemberHub
} from '../helpers/claims.ts';
import { emitRaw, SECRET_PHONE } from '../helpers/start-hub.ts';

afterEach(closeMemberHubs);

function tinyPng(): Buffer {
	const png = new PNG({ width: 2, height: 2 });
	png.data.fill(200);
	return PNG.sync.write(png);
}

async function claimedWish(h: MemberHub) {
	const kiosk = await kioskAt(h);
	const [m, other] = await signedInMembers(h.core, 2);
	const w = await kiosk.submit();
	const r = await h.core.claims.claim(m!.token, w.sent.claimCode);
	if (!r.ok) throw new Error('claim failed');
	return { kiosk, member: m!, other: other!, ...w };
}

function upload(h: MemberHub, claimCode: string, bytes: Uint8Array, token?: string) {
	return fetch(`http://127.0.0.1:${h.hub.port}/api/photos?c=${claimCode}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/octet-stream',
			...(token ? { cookie: `${MEMBER_COOKIE}=${token}` } : {})
		},
		body: new Uint8Array(bytes)
	});
}

describe('progress', () => {
	it('moves a claim through 已联系 → 进行中 → 已完成 and requires the holder for each', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		const code = w.sent.claimCode;
		const contact = await h.core.claims.progress(w.member.token, code, 'contact', '约好周六上午');
		expect(contact.ok && contact.value.status).toBe('contacted');
		const start = await h.core.claims.progress(w.member.token, code, 'start', '');
		expect(start.ok && start.value.status).toBe('in_progress');
		const done = await h.core.claims.progress(w.member.token, code, 'resolve', '打扫干净了');
		expect(done.ok && done.value.status).toBe('resolved');
		const types = (await wishEvents(h.core, w.stored.id)).map((e) => e.type);
		expect(types).toEqual([
			'wish:submitted',
			'wish:claimed',
			'wish:contacted',
			'wish:started',
			'wish:resolved'
		]);
		const view = await h.core.tracking.view(w.sent.trackCode);
		expect(view?.milestones.every((m) => m.at !== null)).toBe(true);
		expect(view?.notes.map((n) => [n.status, n.text])).toEqual([
			['contacted', '约好周六上午'],
			['resolved', '打扫干净了']
		]);
		expect(view?.helperName).toBe(w.member.name);
		expect(view?.canRate).toBe(true);
	});
});

describe('photos', () => {
	it('stores a PNG from the holder, attaches it on 已完成 and serves it privately to the resident', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		const bytes = tinyPng();
		const res = await upload(h, w.sent.claimCode, bytes, w.member.token);
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		expect(id).toMatch(/^[\w-]{22}$/);
		const done = await h.core.claims.progress(
			w.member.token,
			w.sent.claimCode,
			'resolve',
			'修好了',
			id
		);
		expect(done.ok).toBe(true);
		const view = await h.core.tracking.view(w.sent.trackCode);
		expect(view?.notes.at(-1)).toMatchObject({ text: '修好了', photoId: id });

		const base = `http://127.0.0.1:${h.hub.port}/api/photos/${id}`;
		const asResident = await fetch(`${base}?t=${w.sent.trackCode}`);
		expect(asResident.status).toBe(200);
		expect(asResident.headers.get('content-type')).toBe('image/png');
		expect(asResident.headers.get('cache-control')).toMatch(/^private/);
		expect(Buffer.from(await asResident.arrayBuffer()).equals(bytes)).toBe(true);
		const asHolder = await fetch(base, {
			headers: { cookie: `${MEMBER_COOKIE}=${w.member.token}` }
		});
		expect(asHolder.status).toBe(200);
		// Anyone else: the same 404 as for a photo that does not exist.
		for (const r of [
			await fetch(base),
			await fetch(`${base}?t=${w.sent.claimCode}`),
			await fetch(base, { headers: { cookie: `${MEMBER_COOKIE}=${w.other.token}` } })
		])
			expect(r.status).toBe(404);
	});

	it('refuses a photo without a session, from another member, of the wrong type or over 5 MB', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		const code = w.sent.claimCode;
		expect((await upload(h, code, tinyPng())).status).toBe(401);
		expect(
			(await upload(h, code, tinyPng(), 'forged-forged-forged-forged-forged-forged')).status
		).toBe(401);
		expect((await upload(h, code, tinyPng(), w.other.token)).status).toBe(403);
		// A text file whose name or declared type says image is still text.
		const fake = await upload(
			h,
			code,
			Buffer.from('<svg onload="alert(1)"></svg>'),
			w.member.token
		);
		expect(fake.status).toBe(415);
		const big = Buffer.alloc(5 * 1024 * 1024 + 1);
		tinyPng().copy(big);
		expect((await upload(h, code, big, w.member.token)).status).toBe(413);
		expect(await h.core.db.get<{ n: number }>('SELECT count(*) AS n FROM photos')).toEqual({
			n: 0
		});
	});

	it('accepts JPEG and WebP by their first bytes', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
		const webp = Buffer.concat([
			Buffer.from('RIFF'),
			Buffer.from([4, 0, 0, 0]),
			Buffer.from('WEBPVP8 ')
		]);
		expect((await upload(h, w.sent.claimCode, jpeg, w.member.token)).status).toBe(201);
		expect((await upload(h, w.sent.claimCode, webp, w.member.token)).status).toBe(201);
		const mimes = await h.core.db.all<{ mime: string }>('SELECT mime FROM photos ORDER BY mime');
		expect(mimes.map((m) => m.mime)).toEqual(['image/jpeg', 'image/webp']);
	});
});

describe('rating', () => {
	async function resolvedWish(h: MemberHub) {
		const w = await claimedWish(h);
		const r = await h.core.claims.progress(w.member.token, w.sent.claimCode, 'resolve', '办好了');
		if (!r.ok) throw new Error('resolve failed');
		return w;
	}

	it('closes the wish on a good rating and lets the resident change it within 24 hours only', async () => {
		const h = await startMemberHub();
		const w = await resolvedWish(h);
		const first = await h.core.tracking.rate(w.sent.trackCode, { stars: 4, comment: '挺好' });
		expect(first.ok && first.value.status).toBe('closed');
		expect(first.ok && first.value.rating).toMatchObject({ stars: 4, comment: '挺好' });
		h.clock.advance(23 * 3600_000);
		const second = await h.core.tracking.rate(w.sent.trackCode, { stars: 5, comment: '非常满意' });
		expect(second.ok && second.value.rating?.stars).toBe(5);
		expect(await wishStatus(h.core, w.stored.id)).toMatchObject({ status: 'closed', rating: 5 });
		h.clock.advance(3600_000 + 1);
		const late = await h.core.tracking.rate(w.sent.trackCode, { stars: 3, comment: '' });
		expect(late).toMatchObject({ ok: false, error: ErrorCode.tooLate });
		expect((await h.core.tracking.view(w.sent.trackCode))?.canRate).toBe(false);
		expect(await wishStatus(h.core, w.stored.id)).toMatchObject({ rating: 5 });
		const history = await h.core.db.all<{ stars: number }>(
			'SELECT stars FROM ratings WHERE wish_id = ? ORDER BY id',
			[w.stored.id]
		);
		expect(history.map((r) => r.stars)).toEqual([4, 5]);
	});

	it('reopens the wish for the desk with the comment on a rating of 2 or less', async () => {
		const h = await startMemberHub();
		const w = await resolvedWish(h);
		const r = await h.core.tracking.rate(w.sent.trackCode, { stars: 1, comment: '根本没来' });
		expect(r.ok && r.value.status).toBe('reopened');
		const last = (await wishEvents(h.core, w.stored.id)).at(-1)!;
		expect(last.type).toBe('wish:reopened');
		expect(JSON.parse(last.data)).toMatchObject({ stars: 1, comment: '根本没来' });
		const flags = await h.core.db.all<{ reason: string; data: string }>(
			'SELECT reason, data FROM desk_flags WHERE wish_id = ?',
			[w.stored.id]
		);
		expect(flags).toHaveLength(1);
		expect(flags[0]!.reason).toBe('poor_rating');
		// Reopened is waiting again: another member may take it.
		expect((await h.core.claims.claim(w.other.token, w.sent.claimCode)).ok).toBe(true);
	});

	it('refuses a rating before the work is done, or one out of 1–5, and changes nothing', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		expect(await h.core.tracking.rate(w.sent.trackCode, { stars: 5, comment: '' })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});
		const bad = await emitRaw(w.kiosk.socket, 'wish:rate', {
			lookup: { ticketNo: w.sent.ticketNo, phoneLast4: SECRET_PHONE.slice(-4) },
			stars: 6,
			comment: ''
		});
		expect(bad).toMatchObject({ ok: false, error: ErrorCode.invalidPayload });
		expect(await wishStatus(h.core, w.stored.id)).toMatchObject({
			status: 'claimed',
			rating: null
		});
	});
});

describe('the kiosk path without a phone', () => {
	it('finds a wish by ticket and the phone’s last four digits, and rates it', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		await h.core.claims.progress(w.member.token, w.sent.claimCode, 'resolve', '办好了');
		const lookup = { ticketNo: w.sent.ticketNo, phoneLast4: SECRET_PHONE.slice(-4) };
		const found = await emitRaw(w.kiosk.socket, 'track:lookup', lookup);
		expect(found).toMatchObject({ ok: true, value: { status: 'resolved', canRate: true } });
		const rated = await emitRaw(w.kiosk.socket, 'wish:rate', { lookup, stars: 5, comment: '' });
		expect(rated).toMatchObject({ ok: true, value: { status: 'closed', rating: { stars: 5 } } });
		const last = (await wishEvents(h.core, w.stored.id)).at(-1)!;
		expect(last.actor).toMatch(/^resident:kiosk:\d+$/);
		expect(JSON.parse(last.data)).toMatchObject({ channel: 'kiosk' });
	});

	it('uses the track code when no phone was given', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const w = await kiosk.submit({ contactPhone: '' });
		expect(
			await emitRaw(kiosk.socket, 'track:lookup', { ticketNo: w.sent.ticketNo, phoneLast4: '0000' })
		).toMatchObject({ ok: false, error: ErrorCode.notFound });
		expect(
			await emitRaw(kiosk.socket, 'track:lookup', {
				ticketNo: w.sent.ticketNo,
				trackCode: w.sent.trackCode
			})
		).toMatchObject({ ok: true, value: { status: 'open' } });
	});

	it('stops a kiosk after 5 wrong guesses for 10 minutes', async () => {
		const h = await startMemberHub();
		const w = await claimedWish(h);
		for (let i = 0; i < 5; i++) {
			const r = await emitRaw(w.kiosk.socket, 'track:lookup', {
				ticketNo: w.sent.ticketNo,
				phoneLast4: String(1000 + i)
			});
			expect(r).toMatchObject({ ok: false, error: ErrorCode.notFound });
		}
		const right = { ticketNo: w.sent.ticketNo, phoneLast4: SECRET_PHONE.slice(-4) };
		expect(await emitRaw(w.kiosk.socket, 'track:lookup', right)).toMatchObject({
			ok: false,
			error: ErrorCode.rateLimited
		});
		h.clock.advance(10 * 60_000);
		expect(await emitRaw(w.kiosk.socket, 'track:lookup', right)).toMatchObject({ ok: true });
	});
});
