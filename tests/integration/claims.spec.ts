/**
 * Claiming on a real hub: exactly one winner among members pressing at once, refusals that
 * change nothing, the resident's contact only for the winner, never on a wall.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.ts';
import type { WallEvent } from '../../shared/schemas/wishes.ts';
import {
	closeMemberHubs,
	kioskAt,
	signedInMembers,
	startMemberHub,
	wishEvents,
	wishStatus
} from '../helpers/claims.ts';
import {
	emitRaw,
	recordEvents,
	SECRET_NAME,
	SECRET_PHONE,
	syncSince,
	type KioskSocket
} from '../helpers/start-hub.ts';

/** The phone's digits with spaces, dashes or dots between any of them: 139 1234 5678 too. */
const PHONE_IN_ANY_FORM = new RegExp(SECRET_PHONE.split('').join('[\\s.\\-·]*'));

/** Everything a kiosk socket receives, whatever the event, in order. */
function captureAll(socket: KioskSocket): unknown[] {
	const all: unknown[] = [];
	socket.onAny((event: string, ...args: unknown[]) => all.push({ event, args }));
	return all;
}

afterEach(closeMemberHubs);

describe('claiming', () => {
	it('gives the claim to exactly one of 50 members pressing at once, 20 times over', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const wall = recordEvents(kiosk.socket);
		const members = await signedInMembers(h.core, 50);
		for (let round = 0; round < 20; round++) {
			const { sent, stored } = await kiosk.submit();
			const results = await Promise.all(
				members.map((m) => h.core.claims.claim(m.token, sent.claimCode))
			);
			const winners = results.flatMap((r, i) => (r.ok ? [members[i]!] : []));
			expect(winners).toHaveLength(1);
			const losers = results.filter((r) => !r.ok);
			expect(losers).toHaveLength(49);
			// Every loser is told, kindly, who has it.
			for (const l of losers) {
				expect(l).toEqual({
					ok: false,
					error: ErrorCode.alreadyClaimed,
					message: winners[0]!.name
				});
			}
			const claimedEvents = (await wishEvents(h.core, stored.id)).filter(
				(e) => e.type === 'wish:claimed'
			);
			expect(claimedEvents).toHaveLength(1);
			expect(claimedEvents[0]!.actor).toBe(`member:${winners[0]!.memberNo}`);
			expect(await wishStatus(h.core, stored.id)).toMatchObject({
				status: 'claimed',
				member_id: winners[0]!.id
			});
		}
		// The kiosk wall heard 20 submissions and exactly 20 claims.
		const events = await wall.waitForCount(40);
		expect(events.filter((e) => e.type === 'wish:claimed')).toHaveLength(20);
	});

	it('refuses to claim a rejected or a closed wish and writes nothing', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const [a, b] = await signedInMembers(h.core, 2);
		const rejected = await kiosk.submit();
		const r = await h.core.wishes.act({
			wishId: rejected.stored.id,
			action: 'reject',
			actor: 'desk:test',
			patch: { reject_reason: '重复提交' }
		});
		expect(r.ok).toBe(true);
		const closed = await kiosk.submit();
		expect((await h.core.claims.claim(a!.token, closed.sent.claimCode)).ok).toBe(true);
		expect(
			(await h.core.claims.progress(a!.token, closed.sent.claimCode, 'resolve', '送到了')).ok
		).toBe(true);
		expect((await h.core.tracking.rate(closed.sent.trackCode, { stars: 5, comment: '' })).ok).toBe(
			true
		);
		expect((await wishStatus(h.core, closed.stored.id))?.status).toBe('closed');

		for (const w of [rejected, closed]) {
			const before = await wishEvents(h.core, w.stored.id);
			const attempt = await h.core.claims.claim(b!.token, w.sent.claimCode);
			expect(attempt).toMatchObject({ ok: false, error: ErrorCode.forbiddenTransition });
			expect(await wishEvents(h.core, w.stored.id)).toEqual(before);
		}
		expect((await wishStatus(h.core, closed.stored.id))?.member_id).toBe(a!.id);
	});

	it('refuses to let members claim a problem report, which the desk dispatches', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const [m] = await signedInMembers(h.core, 1);
		const report = await kiosk.submit({ kind: 'report', category: 'lights' });
		expect(await h.core.claims.claim(m!.token, report.sent.claimCode)).toMatchObject({
			ok: false,
			error: ErrorCode.forbidden
		});
		expect((await wishStatus(h.core, report.stored.id))?.status).toBe('open');
	});

	it('shows the resident’s name and phone to the member who claimed, and to nobody else', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const [winner, other] = await signedInMembers(h.core, 2);
		const { sent } = await kiosk.submit();
		expect((await h.core.claims.view(sent.claimCode, winner!.token))?.contact).toBeNull();
		const claimed = await h.core.claims.claim(winner!.token, sent.claimCode);
		expect(claimed.ok && claimed.value.contact).toEqual({ name: SECRET_NAME, phone: SECRET_PHONE });
		expect((await h.core.claims.view(sent.claimCode, winner!.token))?.contact).toEqual({
			name: SECRET_NAME,
			phone: SECRET_PHONE
		});
		const seenByOther = await h.core.claims.view(sent.claimCode, other!.token);
		const seenByNobody = await h.core.claims.view(sent.claimCode, null);
		for (const v of [seenByOther, seenByNobody]) {
			expect(v?.contact).toBeNull();
			expect(JSON.stringify(v)).not.toContain(SECRET_NAME);
			expect(JSON.stringify(v)).not.toContain(SECRET_PHONE);
			expect(v?.helperName).toBe(winner!.name);
		}
	});

	it('lets only the holder move a wish on, and a release puts it back on the wall for others', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const [holder, other] = await signedInMembers(h.core, 2);
		const { sent, stored } = await kiosk.submit();
		await h.core.claims.claim(holder!.token, sent.claimCode);
		expect(await h.core.claims.progress(other!.token, sent.claimCode, 'contact', '')).toMatchObject(
			{
				ok: false,
				error: ErrorCode.notYours
			}
		);
		expect(await h.core.claims.release(other!.token, sent.claimCode, '我来')).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
		const released = await h.core.claims.release(holder!.token, sent.claimCode, '这周出差，做不了');
		expect(released.ok && released.value.status).toBe('open');
		expect(released.ok && released.value.helperName).toBeNull();
		const log = await wishEvents(h.core, stored.id);
		expect(log.at(-1)).toMatchObject({
			type: 'wish:released',
			actor: `member:${holder!.memberNo}`
		});
		expect(JSON.parse(log.at(-1)!.data)).toMatchObject({ reason: '这周出差，做不了' });
		// The old holder sees no contact any more; the next member can claim.
		expect((await h.core.claims.view(sent.claimCode, holder!.token))?.contact).toBeNull();
		expect((await h.core.claims.claim(other!.token, sent.claimCode)).ok).toBe(true);
		expect(await h.core.claims.progress(holder!.token, sent.claimCode, 'start', '')).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
	});
});

describe('privacy on the wall', () => {
	it('never puts the resident’s name or phone into anything a kiosk receives during claim → progress → rate', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h);
		const other = await kioskAt(h, 'shuanglong');
		const seen = [recordEvents(kiosk.socket), recordEvents(other.socket)];
		const received = [captureAll(kiosk.socket), captureAll(other.socket)];
		const [m] = await signedInMembers(h.core, 1);
		const { sent } = await kiosk.submit();
		const code = sent.claimCode;
		expect((await h.core.claims.claim(m!.token, code)).ok).toBe(true);
		expect(
			(await h.core.claims.progress(m!.token, code, 'contact', `给${SECRET_NAME}打过电话`)).ok
		).toBe(true);
		expect((await h.core.claims.progress(m!.token, code, 'start', '')).ok).toBe(true);
		expect((await h.core.claims.progress(m!.token, code, 'resolve', '房间打扫干净了')).ok).toBe(
			true
		);
		const lookup = await emitRaw(kiosk.socket, 'track:lookup', {
			ticketNo: sent.ticketNo,
			phoneLast4: SECRET_PHONE.slice(-4)
		});
		expect(lookup.ok).toBe(true);
		const rated = await emitRaw(kiosk.socket, 'wish:rate', {
			lookup: { ticketNo: sent.ticketNo, phoneLast4: SECRET_PHONE.slice(-4) },
			stars: 5,
			comment: '谢谢'
		});
		expect(rated.ok).toBe(true);
		for (const rec of seen) {
			// submitted, claimed, contacted, started, resolved, rated
			const events: WallEvent[] = await rec.waitForCount(6);
			expect(events.map((e) => e.type)).toEqual([
				'wish:submitted',
				'wish:claimed',
				'wish:contacted',
				'wish:started',
				'wish:resolved',
				'wish:rated'
			]);
			for (const e of events) {
				const text = JSON.stringify(e);
				expect(text).not.toContain(SECRET_PHONE);
				expect(text).not.toContain(SECRET_NAME);
				expect(text).not.toContain(sent.trackCode);
				expect(Object.keys(e.wish)).not.toContain('contactName');
			}
			expect(events.at(-1)!.wish.maskedName).toBe(`${SECRET_NAME[0]}**`);
		}
		// Every payload any wall received, the catch-up answers, and a kiosk greeted afterwards.
		const late = await kioskAt(h);
		const payloads: unknown[] = [
			...received.flat(),
			late.hello,
			await syncSince(kiosk.socket, 0),
			await syncSince(late.socket, 0)
		];
		expect(received.flat().length).toBeGreaterThanOrEqual(12);
		for (const p of payloads) {
			const text = JSON.stringify(p);
			expect(text).not.toContain(SECRET_NAME);
			expect(text).not.toMatch(PHONE_IN_ANY_FORM);
			expect(text).not.toContain(sent.trackCode);
		}
		expect(JSON.stringify(payloads)).toContain(sent.ticketNo);
		// The resident's own lookup shows the helper's notes (which may name them) but never the
		// stored contact fields or the track code.
		for (const ack of [lookup, rated]) {
			const text = JSON.stringify(ack);
			expect(text).not.toContain(SECRET_PHONE);
			expect(text).not.toContain(sent.trackCode);
			expect(text).not.toMatch(/contact(Name|Phone)/);
		}
	});
});
