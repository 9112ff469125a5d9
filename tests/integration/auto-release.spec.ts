/**
 * Auto-release on a real hub with its timer running (every 50 ms) and a test-moved clock: a claim
 * with no progress for the configured time goes back to open and is flagged for the desk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
	closeMemberHubs,
	kioskAt,
	signedInMembers,
	startMemberHub,
	wishEvents,
	wishStatus
} from '../helpers/claims.ts';
import { recordEvents } from '../helpers/start-hub.ts';

afterEach(closeMemberHubs);

const AFTER_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 2_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (ok(v) || Date.now() > end) return v;
		await sleep(20);
	}
}

describe('auto-release', () => {
	it('releases a claim with no progress after the configured time, flags it for the desk, and tells the walls', async () => {
		const h = await startMemberHub({ tuning: { autoRelease: { afterMs: AFTER_MS, everyMs: 50 } } });
		const kiosk = await kioskAt(h);
		const wall = recordEvents(kiosk.socket);
		const [m] = await signedInMembers(h.core, 1);
		const { sent, stored } = await kiosk.submit();
		await h.core.claims.claim(m!.token, sent.claimCode);

		h.clock.advance(AFTER_MS - 1);
		await sleep(300);
		expect((await wishStatus(h.core, stored.id))?.status).toBe('claimed');

		h.clock.advance(1);
		const after = await until(
			() => wishStatus(h.core, stored.id),
			(s) => s?.status === 'open'
		);
		expect(after).toMatchObject({ status: 'open', member_id: null });
		const log = await wishEvents(h.core, stored.id);
		expect(log.slice(-2).map((e) => [e.type, e.actor])).toEqual([
			['wish:released', 'system:auto-release'],
			['wish:flagged', 'system:auto-release']
		]);
		expect(JSON.parse(log.at(-2)!.data)).toMatchObject({
			auto: true,
			reason: 'no_progress',
			memberId: m!.id
		});
		const flags = await h.core.db.all<{ reason: string }>(
			'SELECT reason FROM desk_flags WHERE wish_id = ?',
			[stored.id]
		);
		expect(flags).toEqual([{ reason: 'auto_released' }]);
		const seen = await wall.waitForCount(4);
		expect(seen.slice(-2).map((e) => [e.type, e.wish.status, e.wish.helperName])).toEqual([
			['wish:released', 'open', null],
			['wish:flagged', 'open', null]
		]);
		// Once only: a later sweep finds nothing more to do.
		h.clock.advance(AFTER_MS * 2);
		await sleep(200);
		expect(await wishEvents(h.core, stored.id)).toHaveLength(log.length);
	});

	it('counts from the last progress, and leaves work already started alone', async () => {
		const h = await startMemberHub({ tuning: { autoRelease: { afterMs: AFTER_MS, everyMs: 50 } } });
		const kiosk = await kioskAt(h);
		const [m] = await signedInMembers(h.core, 1);
		const contacted = await kiosk.submit();
		const started = await kiosk.submit();
		for (const w of [contacted, started]) await h.core.claims.claim(m!.token, w.sent.claimCode);
		h.clock.advance(AFTER_MS / 2);
		await h.core.claims.progress(m!.token, contacted.sent.claimCode, 'contact', '电话联系了');
		await h.core.claims.progress(m!.token, started.sent.claimCode, 'start', '');
		h.clock.advance(AFTER_MS / 2 + 1);
		await sleep(300);
		expect((await wishStatus(h.core, contacted.stored.id))?.status).toBe('contacted');
		h.clock.advance(AFTER_MS / 2);
		expect(
			(
				await until(
					() => wishStatus(h.core, contacted.stored.id),
					(s) => s?.status === 'open'
				)
			)?.status
		).toBe('open');
		expect((await wishStatus(h.core, started.stored.id))?.status).toBe('in_progress');
	});

	it('defaults to 72 hours', async () => {
		const h = await startMemberHub();
		expect(h.core.autoRelease.tuning.afterMs).toBe(72 * 3600_000);
		const kiosk = await kioskAt(h);
		const [m] = await signedInMembers(h.core, 1);
		const { sent, stored } = await kiosk.submit();
		await h.core.claims.claim(m!.token, sent.claimCode);
		// (Older demo claims may be released by these passes too; only ours is watched here.)
		h.clock.advance(72 * 3600_000 - 1);
		await h.core.autoRelease.runOnce();
		expect((await wishStatus(h.core, stored.id))?.status).toBe('claimed');
		h.clock.advance(1);
		expect(await h.core.autoRelease.runOnce()).toBeGreaterThanOrEqual(1);
		expect((await wishStatus(h.core, stored.id))?.status).toBe('open');
	});
});
