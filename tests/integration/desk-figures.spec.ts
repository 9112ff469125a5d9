import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import { shanghaiYear, shanghaiYearStart } from '../../shared/domain/time.ts';
import { closeDeskSockets, signIn, signInAdmin } from '../helpers/desk.ts';
import { closeAll, closeHub, startTestHub } from '../helpers/start-hub.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeAll();
});

describe('one set of definitions', () => {
	it('gives every wall the same micro-wish counts as the figures page for the year', async () => {
		const { hub } = await startTestHub();
		const me = await signIn(hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		// Move some items so the counts are not just the seed's: a claim and a rejection.
		const open = await hub.core.db.all<{ id: string }>(
			"SELECT id FROM wishes WHERE kind = 'wish' AND status = 'open' ORDER BY received_at LIMIT 2"
		);
		expect(
			(
				await hub.core.dispatch.dispatch(me.staff, {
					wishId: open[0]!.id,
					to: { type: 'post', postId: 1 },
					note: ''
				})
			).ok
		).toBe(true);
		expect(
			(await hub.core.dispatch.reject(me.staff, { wishId: open[1]!.id, reason: '重复登记' })).ok
		).toBe(true);
		const now = Date.now();
		const from = shanghaiDate(shanghaiYearStart(shanghaiYear(now)));
		const sites = await hub.core.db.all<{ id: number; slug: string }>('SELECT id, slug FROM sites');
		for (const site of sites) {
			const wall = await hub.core.wishes.sync(site.id, 0);
			const report = await hub.core.figures.report(me.staff, {
				from,
				to: shanghaiDate(now),
				site: site.slug
			});
			if (!report.ok) throw new Error(report.message);
			expect(wall.counters.wishes, site.slug).toBe(report.value.total.wishesPosted);
			expect(wall.counters.claimed, site.slug).toBe(report.value.total.wishesClaimed);
		}
	});
});

describe('reminder settings', () => {
	it('drives the running auto-release timer from the admin setting, also after a restart', async () => {
		const t = await startTestHub();
		const admin = await signInAdmin(t.hub);
		expect(t.hub.core.autoRelease.tuning.afterMs).toBe(72 * 3600_000);
		const before = await t.hub.core.fleet.overview(admin.staff);
		if (!before.ok) throw new Error(before.message);
		expect(before.value.settings).toEqual({ escalationHours: 12, autoReleaseHours: 72 });
		const saved = await t.hub.core.fleet.saveSettings(admin.staff, {
			escalationHours: 6,
			autoReleaseHours: 48
		});
		expect(saved.ok).toBe(true);
		expect(t.hub.core.autoRelease.tuning.afterMs).toBe(48 * 3600_000);
		await closeHub(t.hub);
		const again = await startTestHub({ dataDir: t.dataDir });
		expect(again.hub.core.autoRelease.tuning.afterMs).toBe(48 * 3600_000);
		expect(await again.hub.core.fleet.settings()).toEqual({
			escalationHours: 6,
			autoReleaseHours: 48
		});
	});
});
