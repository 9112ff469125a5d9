/**
 * Per-address limits on a real hub: failed member and staff sign-ins from one address,
 * whatever the account, and unknown claim/track codes looked up from one address. Short settings
 * (3 per minute) and the hub's injectable clock stand in for 20 per 15 min and 30 per 10 min.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { newCode } from '../../shared/domain/codes.ts';
import { ErrorCode } from '../../shared/errors.ts';
import {
	closeMemberHubs,
	kioskAt,
	PIN,
	signedInMembers,
	startMemberHub
} from '../helpers/claims.ts';

afterEach(closeMemberHubs);

const WINDOW = 60_000;
const LIMITS = {
	signIn: { count: 3, perMs: WINDOW },
	codeMisses: { count: 3, perMs: WINDOW }
};
const A = '203.0.113.7';
const B = '198.51.100.9';

describe('member sign-in per address', () => {
	it('refuses an address that failed on several members, even with a right PIN, until the window passes', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const sprayed = await signedInMembers(h.core, 3);
		const start = h.clock.now();
		for (const m of sprayed) {
			const r = await h.core.members.signIn(m.memberNo, '1234', A);
			expect(r).toMatchObject({ ok: false, error: ErrorCode.badCredentials });
		}
		// Three failures on three accounts: no account is locked, the address is.
		expect(await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, A)).toEqual({
			ok: false,
			error: ErrorCode.rateLimited,
			retryAt: start + WINDOW
		});
		expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, B)).ok).toBe(true);
		// The sprayed members themselves still sign in from elsewhere.
		expect((await h.core.members.signIn(sprayed[0]!.memberNo, PIN, B)).ok).toBe(true);

		h.clock.advance(WINDOW - 1);
		expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, A)).ok).toBe(false);
		h.clock.advance(1);
		expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, A)).ok).toBe(true);
	});

	it('counts failures only: many right sign-ins from one address never lock it', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		for (let i = 0; i < 6; i++) {
			expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, A)).ok).toBe(true);
		}
		expect((await h.core.members.signIn('NOSUCH1', '1234', A)).ok).toBe(false);
		expect((await h.core.members.signIn('NOSUCH2', '1234', A)).ok).toBe(false);
		expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, A)).ok).toBe(true);
	});

	it('lets no more than the limit through when the guesses arrive all at once', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const all = await Promise.all(
			Array.from({ length: 12 }, (_, i) => h.core.members.signIn(`NOSUCH${i}`, '1234', A))
		);
		const tried = all.filter((r) => !r.ok && r.error === ErrorCode.badCredentials);
		const refused = all.filter((r) => !r.ok && r.error === ErrorCode.rateLimited);
		expect(tried).toHaveLength(3);
		expect(refused).toHaveLength(9);
	});

	it('treats one IPv6 /64 as one address, and IPv4-mapped IPv6 as the IPv4 address', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		for (const from of ['2001:db8:1:2::1', '2001:db8:1:2:aaaa::9', '2001:DB8:1:2:0:0:0:7']) {
			expect((await h.core.members.signIn('NOSUCH1', '1234', from)).ok).toBe(false);
		}
		const r = await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, '2001:db8:1:2::abcd');
		expect(r).toMatchObject({ ok: false, error: ErrorCode.rateLimited });
		expect((await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, '2001:db8:1:3::1')).ok).toBe(
			true
		);

		for (let i = 0; i < 3; i++) await h.core.members.signIn('NOSUCH1', '1234', `::ffff:${B}`);
		expect(await h.core.members.signIn('DY001', DEMO_MEMBER_PIN, B)).toMatchObject({
			ok: false,
			error: ErrorCode.rateLimited
		});
	});
});

describe('staff sign-in per address', () => {
	it('refuses an address that failed on several accounts, even with a right password', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const start = h.clock.now();
		for (const username of ['nobody1', 'admin', 'nobody2']) {
			const r = await h.core.staff.signIn(username, 'wishwall-demo', A);
			expect(r).toMatchObject({ ok: false, error: ErrorCode.unauthorized });
		}
		const { username, password } = DEMO_DISPATCHER;
		expect(await h.core.staff.signIn(username, password, A)).toEqual({
			ok: false,
			error: ErrorCode.rateLimited,
			message: `address:${start + WINDOW}`
		});
		expect((await h.core.staff.signIn(username, password, B)).ok).toBe(true);
		h.clock.advance(WINDOW);
		expect((await h.core.staff.signIn(username, password, A)).ok).toBe(true);
	});

	it('does not count right passwords', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const { username, password } = DEMO_DISPATCHER;
		for (let i = 0; i < 5; i++)
			expect((await h.core.staff.signIn(username, password, A)).ok).toBe(true);
		await h.core.staff.signIn('nobody1', 'x', A);
		await h.core.staff.signIn('nobody2', 'x', A);
		expect((await h.core.staff.signIn(username, password, A)).ok).toBe(true);
	});
});

describe('claim and track codes per address', () => {
	it('refuses an address after too many unknown codes, known ones included; others are not affected', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const kiosk = await kioskAt(h);
		const { stored, sent } = await kiosk.submit();
		const [member] = await signedInMembers(h.core, 1);
		const start = h.clock.now();

		// Misses on claim codes and on track codes add up to one count.
		expect(await h.core.claims.visit(A, newCode())).toMatchObject({ error: ErrorCode.notFound });
		expect(await h.core.tracking.visit(A, newCode())).toMatchObject({ error: ErrorCode.notFound });
		expect(await h.core.tracking.rate(newCode(), { stars: 5, comment: '' }, A)).toMatchObject({
			error: ErrorCode.notFound
		});

		const refused = { ok: false, error: ErrorCode.rateLimited, message: String(start + WINDOW) };
		expect(await h.core.claims.visit(A, newCode())).toEqual(refused);
		// A code that exists is refused too: otherwise the answer would still say which codes exist.
		expect(await h.core.claims.visit(A, stored.claimCode, member!.token)).toEqual(refused);
		expect(await h.core.tracking.visit(A, sent.trackCode)).toEqual(refused);

		const other = await h.core.claims.visit(B, stored.claimCode, member!.token);
		expect(other).toMatchObject({ ok: true, value: { claimCode: stored.claimCode } });
		expect(await h.core.tracking.visit(B, sent.trackCode)).toMatchObject({
			ok: true,
			value: { ticketNo: stored.ticketNo }
		});

		h.clock.advance(WINDOW);
		expect((await h.core.tracking.visit(A, sent.trackCode)).ok).toBe(true);
	});

	it('never counts a code that exists: a resident refreshing their page is not limited', async () => {
		const h = await startMemberHub({ ipLimits: LIMITS });
		const kiosk = await kioskAt(h);
		const { stored, sent } = await kiosk.submit();
		for (let i = 0; i < 20; i++) {
			expect((await h.core.tracking.visit(A, sent.trackCode)).ok).toBe(true);
			expect((await h.core.claims.visit(A, stored.claimCode)).ok).toBe(true);
		}
		// Two typos on top still leave the resident within the limit.
		await h.core.tracking.visit(A, newCode());
		await h.core.tracking.visit(A, newCode());
		expect((await h.core.tracking.visit(A, sent.trackCode)).ok).toBe(true);
	});
});
