/**
 * Member sign-in on a real hub and SQLite file: PINs, lockout after wrong PINs, sessions that
 * expire, and a session being required for every member action.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { ErrorCode } from '../../shared/errors.ts';
import {
	closeMemberHubs,
	kioskAt,
	PIN,
	signedInMembers,
	startMemberHub,
	wishEvents,
	wishStatus
} from '../helpers/claims.ts';

afterEach(closeMemberHubs);

describe('member sign-in', () => {
	it('signs a demo member in with the documented PIN and knows them by the session token', async () => {
		const h = await startMemberHub();
		const r = await h.core.members.signIn('DY001', DEMO_MEMBER_PIN);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.token).toMatch(/^[\w-]{43}$/);
		const me = await h.core.members.authenticate(r.token);
		expect(me).toMatchObject({ memberNo: 'DY001', displayName: '王建华', siteSlug: 'shuanglong' });
		// The token itself is never stored, only its hash.
		const stored = await h.core.db.all<{ token_hash: string }>(
			'SELECT token_hash FROM member_sessions'
		);
		expect(stored.map((s) => s.token_hash)).not.toContain(r.token);
		expect(stored).toHaveLength(1);
	});

	it('stores PINs as salted scrypt hashes, never the PIN', async () => {
		const h = await startMemberHub();
		const [a, b] = await signedInMembers(h.core, 2);
		const rows = await h.core.db.all<{ pin_hash: string }>(
			'SELECT pin_hash FROM members WHERE member_no IN (?, ?)',
			[a!.memberNo, b!.memberNo]
		);
		for (const r of rows) {
			expect(r.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
			expect(r.pin_hash).not.toContain(PIN);
		}
		// Same PIN, different salt: different hashes.
		expect(rows[0]!.pin_hash).not.toBe(rows[1]!.pin_hash);
	});

	it('refuses a wrong PIN and says how many tries are left', async () => {
		const h = await startMemberHub();
		const r = await h.core.members.signIn('DY001', '9999');
		expect(r).toEqual({ ok: false, error: ErrorCode.badCredentials, attemptsLeft: 4 });
		expect(await h.core.members.signIn('NOSUCH1', '1234')).toEqual({
			ok: false,
			error: ErrorCode.badCredentials,
			attemptsLeft: null
		});
	});

	it('locks a member for 15 minutes after 5 wrong PINs, even against the right PIN, then lets them in', async () => {
		const h = await startMemberHub();
		for (let i = 0; i < 4; i++) {
			const r = await h.core.members.signIn('DY002', '0000');
			expect(r.ok).toBe(false);
			expect(r.ok === false && r.error).toBe(ErrorCode.badCredentials);
		}
		const fifth = await h.core.members.signIn('DY002', '0000');
		expect(fifth).toEqual({
			ok: false,
			error: ErrorCode.locked,
			lockedUntil: h.clock.now() + 15 * 60_000
		});
		const right = await h.core.members.signIn('DY002', DEMO_MEMBER_PIN);
		expect(right.ok === false && right.error).toBe(ErrorCode.locked);
		h.clock.advance(14 * 60_000);
		expect((await h.core.members.signIn('DY002', DEMO_MEMBER_PIN)).ok).toBe(false);
		h.clock.advance(60_000 + 1);
		const after = await h.core.members.signIn('DY002', DEMO_MEMBER_PIN);
		expect(after.ok).toBe(true);
		// A success clears the count: one wrong PIN later leaves 4 tries again.
		const again = await h.core.members.signIn('DY002', '0000');
		expect(again).toEqual({ ok: false, error: ErrorCode.badCredentials, attemptsLeft: 4 });
	});

	it('does not let 20 parallel guesses slip past the lock', async () => {
		const h = await startMemberHub();
		const guesses = await Promise.all(
			Array.from({ length: 20 }, (_, i) => h.core.members.signIn('DY003', String(5000 + i)))
		);
		const counted = guesses.filter((g) => !g.ok && g.error === ErrorCode.badCredentials);
		expect(counted).toHaveLength(4);
		expect(guesses.filter((g) => !g.ok && g.error === ErrorCode.locked)).toHaveLength(16);
	});

	it('uses the configured numbers for the lock', async () => {
		const h = await startMemberHub({ tuning: { members: { maxPinFailures: 2, lockMs: 1000 } } });
		await h.core.members.signIn('DY004', '0000');
		const second = await h.core.members.signIn('DY004', '0000');
		expect(second.ok === false && second.error).toBe(ErrorCode.locked);
		h.clock.advance(1001);
		expect((await h.core.members.signIn('DY004', DEMO_MEMBER_PIN)).ok).toBe(true);
	});

	it('keeps a session for 30 days, then forgets it', async () => {
		const h = await startMemberHub();
		const [m] = await signedInMembers(h.core, 1);
		h.clock.advance(30 * 86400_000 - 1);
		expect(await h.core.members.authenticate(m!.token)).not.toBeNull();
		h.clock.advance(1);
		expect(await h.core.members.authenticate(m!.token)).toBeNull();
	});

	it('ends the session on sign-out and every session when the member is deactivated', async () => {
		const h = await startMemberHub();
		const [m] = await signedInMembers(h.core, 1);
		const second = await h.core.members.signIn(m!.memberNo, PIN);
		if (!second.ok) throw new Error('second sign-in failed');
		await h.core.members.signOut(m!.token);
		expect(await h.core.members.authenticate(m!.token)).toBeNull();
		expect(await h.core.members.authenticate(second.token)).not.toBeNull();
		await h.core.members.setActive(m!.id, false);
		expect(await h.core.members.authenticate(second.token)).toBeNull();
		expect(await h.core.members.signIn(m!.memberNo, PIN)).toEqual({
			ok: false,
			error: ErrorCode.forbidden
		});
	});
});

describe('a session is required for every member action', () => {
	it('refuses claim, progress, release and photo upload with no, forged or expired token, and changes nothing', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const [holder] = await signedInMembers(h.core, 1);
		const { sent, stored } = await kiosk.submit();
		const claimed = await h.core.claims.claim(holder!.token, sent.claimCode);
		expect(claimed.ok).toBe(true);
		const expired = (await signedInMembers(h.core, 1))[0]!.token;
		h.clock.advance(30 * 86400_000);
		// The holder signs in again after the clock moved, so only `expired` is stale.
		const fresh = await h.core.members.signIn(holder!.memberNo, PIN);
		if (!fresh.ok) throw new Error('sign-in failed');
		const before = await wishEvents(h.core, stored.id);
		const bad = [undefined, null, '', 'forged-token-forged-token-forged-token-123', expired];
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
		for (const token of bad) {
			const results = [
				await h.core.claims.claim(token, sent.claimCode),
				await h.core.claims.progress(token, sent.claimCode, 'contact', ''),
				await h.core.claims.progress(token, sent.claimCode, 'resolve', '修好了'),
				await h.core.claims.release(token, sent.claimCode, '没时间'),
				await h.core.claims.storePhoto(token, sent.claimCode, png)
			];
			for (const r of results)
				expect(r).toMatchObject({ ok: false, error: ErrorCode.unauthorized });
			expect((await h.core.claims.view(sent.claimCode, token))?.contact).toBeNull();
		}
		expect(await wishEvents(h.core, stored.id)).toEqual(before);
		expect(await wishStatus(h.core, stored.id)).toMatchObject({
			status: 'claimed',
			member_id: holder!.id
		});
		expect(await h.core.db.get<{ n: number }>('SELECT count(*) AS n FROM photos')).toEqual({
			n: 0
		});
	});
});
