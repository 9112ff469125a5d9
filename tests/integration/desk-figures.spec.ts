import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import { shanghaiYear, shanghaiYearStart } from '../../shared/domain/time.ts';
import { closeDeskSockets, signIn, signInAdmin } from '../helpers/desk.ts';
import { closeMemberHubs, kioskAt, startMemberHub, type MemberHub } from '../helpers/claims.ts';
import { closeAll, closeHub, startTestHub } from '../helpers/start-hub.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeMemberHubs();
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
		expect(before.value.settings).toEqual({
			escalationHours: 12,
			autoReleaseHours: 72,
			acceptUrgentMinutes: 30,
			acceptMinutes: 240
		});
		const saved = await t.hub.core.fleet.saveSettings(admin.staff, {
			escalationHours: 6,
			autoReleaseHours: 48,
			acceptUrgentMinutes: 20,
			acceptMinutes: 120
		});
		expect(saved.ok).toBe(true);
		expect(t.hub.core.autoRelease.tuning.afterMs).toBe(48 * 3600_000);
		await closeHub(t.hub);
		const again = await startTestHub({ dataDir: t.dataDir });
		expect(again.hub.core.autoRelease.tuning.afterMs).toBe(48 * 3600_000);
		expect(await again.hub.core.fleet.settings()).toEqual({
			escalationHours: 6,
			autoReleaseHours: 48,
			acceptUrgentMinutes: 20,
			acceptMinutes: 120
		});
	});
});

describe('the field chain in the figures', () => {
	const MIN = 60_000;

	/** A worker of the demo township, signed in on their phone. */
	async function worker(h: MemberHub, no: string) {
		const s = await h.core.members.signIn(no, DEMO_MEMBER_PIN);
		if (!s.ok) throw new Error(`${no} could not sign in: ${s.error}`);
		const token = s.token;
		/** Acts on the item as the phone last saw it (its seq). */
		const seen = async (wishId: string) => {
			const item = (await h.core.field.inbox(token))?.items.find((i) => i.wishId === wishId);
			if (!item) throw new Error(`${no} does not see ${wishId}`);
			return { wishId, seq: item.seq };
		};
		const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
		return {
			accept: async (id: string) => ok(await h.core.field.accept(token, await seen(id))),
			arrive: async (id: string) =>
				ok(
					await h.core.field.arrive(token, {
						...(await seen(id)),
						location: { lat: 30.1, lng: 107.2, accuracyM: 12 }
					})
				),
			fixed: async (id: string) =>
				ok(await h.core.field.fixed(token, { ...(await seen(id)), note: '修好了' }))
		};
	}

	it('gives on-site times, the urgent 2-hour share and each post’s accept and fix times as worked out by hand', async () => {
		const h = await startMemberHub();
		// A day of its own, long after the demo's items: the report covers only what is made here.
		h.clock.advance(400 * 24 * 60 * MIN);
		const start = h.clock.now();
		const at = (minute: number) => h.clock.advance(start + minute * MIN - h.clock.now());
		const me = await signIn(h.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		const postId = async (name: string) =>
			(await h.core.db.get<{ id: number }>('SELECT id FROM posts WHERE name = ?', [name]))!.id;
		const grid = await postId('网格员·双龙村');
		const crew = await postId('城市管理岗');

		// Minute 0: four reports; R2–R4 urgent.
		const kiosk = await kioskAt(h, 'shuanglong');
		const report = async (text: string, urgent: boolean) => {
			const { sent } = await kiosk.submit({ kind: 'report', category: 'lights', text });
			if (urgent) {
				const r = await h.core.dispatch.triage(me.staff, {
					wishId: sent.id,
					category: 'lights',
					urgent: true
				});
				expect(r.ok).toBe(true);
			}
			return sent.id;
		};
		const r1 = await report('村口路灯不亮', false);
		const r2 = await report('桥头路灯倒了，电线露在外面', true);
		const r3 = await report('学校门口的灯杆歪了', true);
		const r4 = await report('广场的灯一直闪', true);
		kiosk.socket.disconnect();
		const send = async (wishId: string, to: number, step: 'check' | 'work') =>
			expect(
				(
					await h.core.dispatch.dispatch(me.staff, {
						wishId,
						to: { type: 'post', postId: to },
						step,
						note: ''
					})
				).ok
			).toBe(true);

		const wg = await worker(h, 'WG01');
		const cg = await worker(h, 'CG01');
		at(10);
		await send(r1, grid, 'check');
		await send(r2, crew, 'work');
		await send(r4, crew, 'work');
		at(20);
		await send(r3, grid, 'check');
		at(30);
		await wg.accept(r1); // 20 min after it was sent
		at(40);
		await cg.accept(r2); // 30 min
		at(60);
		await wg.accept(r3); // 40 min
		at(90);
		await wg.arrive(r1); // on site 90 min after receipt
		await wg.arrive(r3); // 90 min: urgent, within 2 h
		at(150);
		await cg.arrive(r2); // 150 min: urgent, too late
		at(180);
		await wg.fixed(r1); // 170 min after it was sent
		at(240);
		await cg.fixed(r2); // 230 min
		// R4: nobody accepted or went; its 2 hours are over, so it counts as missed.

		const day = shanghaiDate(start);
		const r = await h.core.figures.report(me.staff, {
			from: day,
			to: shanghaiDate(start + 24 * 60 * MIN)
		});
		if (!r.ok) throw new Error(r.message);
		const total = r.value.total;
		expect(total.received).toBe(4);
		expect({
			arrived: total.onsiteArrived,
			mean: total.onsiteMeanMs,
			p90: total.onsiteP90Ms,
			decided: total.urgentOnsiteDecided,
			inTime: total.urgentOnsiteInTime,
			share: total.urgentOnsiteShare
		}).toEqual({
			arrived: 3,
			mean: ((90 + 90 + 150) / 3) * MIN,
			p90: 150 * MIN,
			decided: 3,
			inTime: 1,
			share: 1 / 3
		});
		expect(r.value.byPost).toEqual([
			{
				postId: crew,
				postName: '城市管理岗',
				sent: 2,
				accepted: 1,
				acceptMeanMs: 30 * MIN,
				acceptP90Ms: 30 * MIN,
				fixed: 1,
				fixMeanMs: 230 * MIN,
				fixP90Ms: 230 * MIN
			},
			{
				postId: grid,
				postName: '网格员·双龙村',
				sent: 2,
				accepted: 2,
				acceptMeanMs: 30 * MIN,
				acceptP90Ms: 40 * MIN,
				fixed: 1,
				fixMeanMs: 170 * MIN,
				fixP90Ms: 170 * MIN
			}
		]);
	});
});
