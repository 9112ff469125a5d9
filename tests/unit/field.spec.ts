/**
 * The field chain (赶快办), pure: hops read back from a hand-written event log, the resident's
 * chain, how a worker is named, the per-post figures and the on-site figures and clocks. Every
 * expected number is worked out by hand in the comments beside it.
 */
import { describe, expect, it } from 'vitest';
import {
	chainOf,
	hopsOf,
	workerLabel,
	type ChainEvent,
	type Hop
} from '../../shared/domain/field.ts';
import { computeFigures, postFigures, type FigureItem } from '../../shared/domain/figures.ts';
import {
	acceptDueAt,
	attentionReasons,
	DEFAULT_ACCEPT_LIMITS,
	defaultPolicies,
	onsiteClock,
	onsiteOutcome,
	slaClock
} from '../../shared/domain/sla.ts';

const M = 60_000;
const H = 60 * M;
/** A fixed instant: 2026-01-05 08:00 Shanghai. */
const T0 = Date.UTC(2026, 0, 5, 0, 0);
const policies = defaultPolicies();
const policyFor = (c: FigureItem['category']) => policies[c];

const ev = (wishId: string, type: string, min: number, data: Record<string, unknown> = {}) =>
	({ wishId, type, at: T0 + min * M, data }) satisfies ChainEvent;

/**
 * One log, items interleaved as the hub writes them:
 * - A: sent to 网格员·双龙村 for a check, accepted by 何师傅, on site (twice), findings back; then
 *   sent to 城市管理岗 for the work, accepted by 向师傅, started, fixed.
 * - B: sent to 城市管理岗, sent again to 维修队 before anyone accepted (the first hop recalled),
 *   accepted by 秦师傅 and given back as not theirs.
 * - C: dispatched to a member (no postId): no hop, and its accept/resolve open none either.
 * - D: sent to 城市管理岗 and still waiting.
 * - E: sent to 网格员·双龙村 for a check, then rejected by the desk (recalled).
 */
const LOG: ChainEvent[] = [
	ev('B', 'wish:dispatched', 0, { postId: 2, postName: '城市管理岗' }),
	ev('C', 'wish:dispatched', 5, { memberId: 7, memberName: '王建华' }),
	ev('C', 'wish:accepted', 6, { worker: '王师傅' }),
	ev('A', 'wish:dispatched', 10, { postId: 1, postName: '网格员·双龙村', step: 'check' }),
	ev('A', 'wish:accepted', 20, { worker: '何师傅', workerId: 11 }),
	ev('B', 'wish:dispatched', 30, { postId: 3, postName: '维修队', step: 'work' }),
	ev('A', 'wish:arrived', 50, { worker: '何师傅' }),
	ev('A', 'wish:arrived', 55, { worker: '何师傅' }),
	ev('C', 'wish:resolved', 60, { note: '办好了' }),
	ev('A', 'wish:reported', 70, { note: '灯杆线路老化' }),
	ev('B', 'wish:accepted', 90, { worker: '秦师傅' }),
	ev('A', 'wish:dispatched', 100, { postId: 2, postName: '城市管理岗', step: 'work' }),
	ev('B', 'wish:handed_back', 120, { reason: '不归维修队' }),
	ev('A', 'wish:accepted', 130, { worker: '向师傅' }),
	ev('A', 'wish:started', 160, {}),
	ev('D', 'wish:dispatched', 200, { postId: 2, postName: '城市管理岗', step: 'work' }),
	ev('E', 'wish:dispatched', 300, { postId: 1, postName: '网格员·双龙村', step: 'check' }),
	ev('E', 'wish:rejected', 310, { reason: '重复' }),
	ev('A', 'wish:resolved', 400, { note: '换了线路' })
];

const at = (min: number) => T0 + min * M;

function hop(over: Partial<Hop> & Pick<Hop, 'postId' | 'sentAt'>): Hop {
	return {
		wishId: 'x',
		postName: `岗${over.postId}`,
		step: 'work',
		acceptedAt: null,
		workerLabel: null,
		arrivedAt: null,
		startedAt: null,
		endedAt: null,
		end: null,
		...over
	};
}

describe('hopsOf', () => {
	const hops = hopsOf(LOG);
	const of = (wishId: string) => hops.filter((h) => h.wishId === wishId);

	it('opens one hop per dispatch to a post, ordered by when each was sent; none for a member', () => {
		// B1 0, A1 10, B2 30, A2 100, D 200, E 300 — C (to a member) none.
		expect(hops.map((h) => [h.wishId, h.sentAt])).toEqual([
			['B', at(0)],
			['A', at(10)],
			['B', at(30)],
			['A', at(100)],
			['D', at(200)],
			['E', at(300)]
		]);
		expect(of('C')).toEqual([]);
	});

	it('reads the check hop: accepted, first arrival only, ended with findings', () => {
		expect(of('A')[0]).toEqual({
			wishId: 'A',
			postId: 1,
			postName: '网格员·双龙村',
			step: 'check',
			sentAt: at(10),
			acceptedAt: at(20),
			workerLabel: '何师傅',
			arrivedAt: at(50),
			startedAt: null,
			endedAt: at(70),
			end: 'findings'
		});
	});

	it('reads the work hop: accepted, started, fixed (a dispatch without a step is work)', () => {
		expect(of('A')[1]).toEqual({
			wishId: 'A',
			postId: 2,
			postName: '城市管理岗',
			step: 'work',
			sentAt: at(100),
			acceptedAt: at(130),
			workerLabel: '向师傅',
			arrivedAt: null,
			startedAt: at(160),
			endedAt: at(400),
			end: 'resolved'
		});
		expect(of('B')[0]!.step).toBe('work');
	});

	it('ends a hop as recalled when the desk sends the item again, rejects it, or it is merged', () => {
		const [b1, b2] = of('B');
		expect(b1).toMatchObject({ postId: 2, acceptedAt: null, endedAt: at(30), end: 'recalled' });
		expect(b2).toMatchObject({
			postId: 3,
			postName: '维修队',
			acceptedAt: at(90),
			workerLabel: '秦师傅',
			endedAt: at(120),
			end: 'handed_back'
		});
		expect(of('E')[0]).toMatchObject({ step: 'check', endedAt: at(310), end: 'recalled' });
		const merged = hopsOf([
			ev('F', 'wish:dispatched', 0, { postId: 4, postName: '村委会' }),
			ev('F', 'wish:merged', 9, {})
		]);
		expect(merged[0]).toMatchObject({ endedAt: at(9), end: 'recalled' });
		const released = hopsOf([
			ev('G', 'wish:dispatched', 0, { postId: 4, postName: '村委会' }),
			ev('G', 'wish:released', 4, {})
		]);
		expect(released[0]).toMatchObject({ endedAt: at(4), end: 'recalled' });
	});

	it('leaves a hop nobody finished open', () => {
		expect(of('D')).toEqual([
			expect.objectContaining({
				postId: 2,
				acceptedAt: null,
				endedAt: null,
				end: null
			})
		]);
	});

	it('opens nothing for a dispatch without postId, even in the middle of a chain', () => {
		const h = hopsOf([
			ev('H', 'wish:dispatched', 0, { postId: 1, postName: '网格员·双龙村', step: 'check' }),
			// Sent on to a member: the grid hop ends, no new one opens.
			ev('H', 'wish:dispatched', 15, { memberId: 3 }),
			ev('H', 'wish:accepted', 16, { worker: '张师傅' }),
			ev('H', 'wish:started', 17, {}),
			ev('H', 'wish:resolved', 90, {})
		]);
		expect(h).toHaveLength(1);
		expect(h[0]).toMatchObject({
			acceptedAt: null,
			startedAt: null,
			end: 'recalled',
			endedAt: at(15)
		});
	});
});

describe('chainOf', () => {
	const hops = hopsOf(LOG);
	const of = (wishId: string) => hops.filter((h) => h.wishId === wishId);
	const brief = (steps: ReturnType<typeof chainOf>) =>
		steps.map((s) => [s.step, s.at === null ? null : (s.at - T0) / M, s.skipped, s.post, s.worker]);

	it('reads the whole chain: received, on site, sent on, working, fixed', () => {
		expect(brief(chainOf(at(-5), of('A'), at(400)))).toEqual([
			['received', -5, false, null, null],
			['onsite', 50, false, '网格员·双龙村', '何师傅'],
			['dispatched', 100, false, '城市管理岗', null],
			['working', 160, false, '城市管理岗', '向师傅'],
			['fixed', 400, false, null, null]
		]);
	});

	it('keeps the first arrival on site, not the crew’s later one', () => {
		const withCrewOnSite = hopsOf([
			...LOG.filter((e) => e.wishId === 'A' && e.at < at(400)),
			ev('A', 'wish:arrived', 170, { worker: '向师傅' })
		]);
		const onsite = chainOf(at(0), withCrewOnSite, null)[1]!;
		expect([onsite.at, onsite.post, onsite.worker]).toEqual([at(50), '网格员·双龙村', '何师傅']);
	});

	it('marks the work steps skipped when the grid worker fixed it on the spot', () => {
		const spot = hopsOf([
			ev('S', 'wish:dispatched', 0, { postId: 1, postName: '网格员·双龙村', step: 'check' }),
			ev('S', 'wish:accepted', 5, { worker: '何师傅' }),
			ev('S', 'wish:arrived', 25, {}),
			ev('S', 'wish:resolved', 40, { note: '开关跳闸，合上就好了' })
		]);
		expect(brief(chainOf(at(0), spot, at(40)))).toEqual([
			['received', 0, false, null, null],
			['onsite', 25, false, '网格员·双龙村', '何师傅'],
			['dispatched', null, true, null, null],
			['working', null, true, null, null],
			['fixed', 40, false, null, null]
		]);
	});

	it('keeps steps not reached yet pending, not skipped', () => {
		// Sent for a check and accepted, nobody on site yet.
		const waiting = hopsOf(LOG.filter((e) => e.wishId === 'A' && e.at <= at(20)));
		expect(brief(chainOf(at(0), waiting, null))).toEqual([
			['received', 0, false, null, null],
			['onsite', null, false, null, null],
			['dispatched', null, false, null, null],
			['working', null, false, null, null],
			['fixed', null, false, null, null]
		]);
		// Nothing sent at all.
		expect(chainOf(at(0), [], null).map((s) => s.skipped)).toEqual([
			false,
			false,
			false,
			false,
			false
		]);
	});

	it('skips the on-site step when the item went straight to the crew, the rest still pending', () => {
		const direct = hopsOf(
			LOG.filter((e) => e.wishId === 'A' && e.at >= at(100) && e.at <= at(160))
		);
		expect(brief(chainOf(at(0), direct, null))).toEqual([
			['received', 0, false, null, null],
			['onsite', null, true, null, null],
			['dispatched', 100, false, '城市管理岗', null],
			['working', 160, false, '城市管理岗', '向师傅'],
			['fixed', null, false, null, null]
		]);
	});

	it('follows the last work hop, and skips working when it was fixed without a start', () => {
		// B went to 城市管理岗, then 维修队 (accepted by 秦师傅); then fixed by the desk's word.
		const steps = chainOf(at(0), of('B'), at(500));
		expect(brief(steps)).toEqual([
			['received', 0, false, null, null],
			['onsite', null, true, null, null],
			['dispatched', 30, false, '维修队', null],
			['working', null, true, '维修队', '秦师傅'],
			['fixed', 500, false, null, null]
		]);
	});
});

describe('workerLabel', () => {
	it('names a worker by surname and 师傅, never the whole name', () => {
		expect(workerLabel('何光明')).toBe('何师傅');
		expect(workerLabel('  向东 ')).toBe('向师傅');
		expect(workerLabel('马')).toBe('马师傅');
	});
	it('takes a whole character even outside the basic plane', () => {
		expect(workerLabel('𠀋小明')).toBe('𠀋师傅');
	});
	it('falls back to 工作人员 without a name', () => {
		expect(workerLabel('')).toBe('工作人员');
		expect(workerLabel('   ')).toBe('工作人员');
	});
});

describe('postFigures', () => {
	/*
	 * 城市管理岗 (post 2), seven hops, sent at 0 each (so the times below are also the durations):
	 *   accepted after 10, 20, 30, 40, 100 min; two never accepted.
	 *     mean = (10+20+30+40+100)/5 = 200/5 = 40 min; P90 nearest rank ceil(0.9·5) = 5th → 100 min.
	 *   ended fixed after 60, 120, 300 min; one ended with findings at 50 (not fixed), one handed
	 *   back at 45, one recalled at 70, one still open.
	 *     mean = (60+120+300)/3 = 480/3 = 160 min; P90 rank ceil(0.9·3) = 3rd → 300 min.
	 * 网格员·双龙村 (post 1), two hops: accepted after 5 and 15 min → mean 10, P90 rank 2 → 15;
	 *   none fixed → no fix figures.
	 * 维修队 (post 3), renamed from 维修组: one hop, never accepted → the latest name, no times.
	 */
	const S = 0;
	const hops: Hop[] = [
		hop({
			postId: 2,
			postName: '城市管理岗',
			sentAt: S,
			acceptedAt: 10 * M,
			endedAt: 60 * M,
			end: 'resolved'
		}),
		hop({
			postId: 1,
			postName: '网格员·双龙村',
			sentAt: S,
			acceptedAt: 15 * M,
			endedAt: 40 * M,
			end: 'findings'
		}),
		hop({
			postId: 2,
			postName: '城市管理岗',
			sentAt: S,
			acceptedAt: 100 * M,
			endedAt: 300 * M,
			end: 'resolved'
		}),
		hop({
			postId: 2,
			postName: '城市管理岗',
			sentAt: S,
			acceptedAt: 30 * M,
			endedAt: 50 * M,
			end: 'findings'
		}),
		hop({ postId: 3, postName: '维修组', sentAt: S }),
		hop({
			postId: 2,
			postName: '城市管理岗',
			sentAt: S,
			acceptedAt: 20 * M,
			endedAt: 120 * M,
			end: 'resolved'
		}),
		hop({ postId: 2, postName: '城市管理岗', sentAt: S, endedAt: 70 * M, end: 'recalled' }),
		hop({ postId: 1, postName: '网格员·双龙村', sentAt: S, acceptedAt: 5 * M }),
		hop({
			postId: 2,
			postName: '城市管理岗',
			sentAt: S,
			acceptedAt: 40 * M,
			endedAt: 45 * M,
			end: 'handed_back'
		}),
		hop({ postId: 2, postName: '城市管理岗', sentAt: S }),
		hop({ postId: 3, postName: '维修队', sentAt: S })
	];

	it('gives acceptance and fix mean and P90 per post, posts by name', () => {
		expect(postFigures(hops)).toEqual([
			{
				postId: 2,
				postName: '城市管理岗',
				sent: 7,
				accepted: 5,
				acceptMeanMs: 40 * M,
				acceptP90Ms: 100 * M,
				fixed: 3,
				fixMeanMs: 160 * M,
				fixP90Ms: 300 * M
			},
			{
				postId: 1,
				postName: '网格员·双龙村',
				sent: 2,
				accepted: 2,
				acceptMeanMs: 10 * M,
				acceptP90Ms: 15 * M,
				fixed: 0,
				fixMeanMs: null,
				fixP90Ms: null
			},
			{
				postId: 3,
				postName: '维修队',
				sent: 2,
				accepted: 0,
				acceptMeanMs: null,
				acceptP90Ms: null,
				fixed: 0,
				fixMeanMs: null,
				fixP90Ms: null
			}
		]);
	});

	it('measures from when each hop was sent, not from the start of time', () => {
		// Sent at 1 h, accepted at 1 h 12 min, fixed at 3 h: 12 min and 120 min.
		const [f] = postFigures([
			hop({
				postId: 9,
				sentAt: T0 + H,
				acceptedAt: T0 + H + 12 * M,
				endedAt: T0 + 3 * H,
				end: 'resolved'
			})
		]);
		expect(f).toMatchObject({ acceptMeanMs: 12 * M, acceptP90Ms: 12 * M, fixMeanMs: 120 * M });
	});

	it('takes P90 by nearest rank: of six fixes, the sixth', () => {
		// Fixed after 10, 20, 30, 40, 50, 600 min: mean 750/6 = 125; rank ceil(0.9·6) = ceil(5.4) = 6
		// → 600 (rounding 5.4 would wrongly give the 5th, 50). Accepted after 1..6 min: mean 3.5, P90 6.
		const six = [10, 20, 30, 40, 50, 600].map((min, i) =>
			hop({ postId: 5, sentAt: 0, acceptedAt: (i + 1) * M, endedAt: min * M, end: 'resolved' })
		);
		expect(postFigures(six)[0]).toMatchObject({
			sent: 6,
			accepted: 6,
			acceptMeanMs: 3.5 * M,
			acceptP90Ms: 6 * M,
			fixed: 6,
			fixMeanMs: 125 * M,
			fixP90Ms: 600 * M
		});
	});

	it('reads the hops of the hand-written log the same way', () => {
		// 城市管理岗: B1 (not accepted), A2 (accepted +30, fixed +300), D (open).
		// 网格员·双龙村: A1 (accepted +10, findings), E (recalled). 维修队: B2 (accepted +60, back).
		expect(
			postFigures(hopsOf(LOG)).map((p) => [
				p.postName,
				p.sent,
				p.accepted,
				p.acceptMeanMs,
				p.fixed,
				p.fixMeanMs
			])
		).toEqual([
			['城市管理岗', 3, 1, 30 * M, 1, 300 * M],
			['网格员·双龙村', 2, 1, 10 * M, 0, null],
			['维修队', 1, 1, 60 * M, 0, null]
		]);
	});
});

describe('on-site figures', () => {
	const NOW = T0 + 24 * H;
	function item(over: Partial<FigureItem>): FigureItem {
		return {
			kind: 'report',
			category: 'lights',
			site: 'shuanglong',
			status: 'dispatched',
			urgent: true,
			receivedAt: NOW - 5 * H,
			respondedAt: null,
			resolvedAt: null,
			arrivedAt: null,
			rating: null,
			person: null,
			...over
		};
	}
	const r5 = NOW - 5 * H;
	/*
	 * Urgent reports (2 h target):
	 *   met:      on site after 1 h 59 min (119 min)
	 *   missed:   on site after 2 h 01 min (121 min)
	 *   pending:  received 1 h ago, nobody yet — may still make it, not counted
	 *   missed:   received 3 h ago, nobody yet
	 * Not in the share: a non-urgent report on site after 5 h (300 min, in the on-site times), a
	 * non-urgent one nobody reached in 30 h, a rejected urgent one (on site after 30 min, left out
	 * of everything), a merged one, and a micro-wish.
	 *   on-site times: 119, 121, 300 min → mean 540/3 = 180 min; P90 rank ceil(2.7) = 3rd → 300.
	 *   share: decided 3 (119 met, 121 missed, 3 h missed), in time 1 → 1/3.
	 */
	const items: FigureItem[] = [
		item({ receivedAt: r5, arrivedAt: r5 + 119 * M }),
		item({ receivedAt: r5, arrivedAt: r5 + 121 * M, status: 'contacted' }),
		item({ receivedAt: NOW - 1 * H }),
		item({ receivedAt: NOW - 3 * H, status: 'open' }),
		item({ urgent: false, receivedAt: NOW - 10 * H, arrivedAt: NOW - 5 * H }),
		item({ urgent: false, receivedAt: NOW - 30 * H }),
		item({ status: 'rejected', receivedAt: r5, arrivedAt: r5 + 30 * M }),
		item({ status: 'merged', receivedAt: r5, arrivedAt: r5 + 10 * M }),
		item({ kind: 'wish', receivedAt: r5, arrivedAt: r5 + 5 * M })
	];

	it('counts on-site time over reports reached and the 2-hour share over urgent ones decided', () => {
		const f = computeFigures(items, policyFor, NOW);
		expect({
			onsiteArrived: f.onsiteArrived,
			onsiteMeanMs: f.onsiteMeanMs,
			onsiteP90Ms: f.onsiteP90Ms,
			urgentOnsiteDecided: f.urgentOnsiteDecided,
			urgentOnsiteInTime: f.urgentOnsiteInTime
		}).toEqual({
			onsiteArrived: 3,
			onsiteMeanMs: 180 * M,
			onsiteP90Ms: 300 * M,
			urgentOnsiteDecided: 3,
			urgentOnsiteInTime: 1
		});
		expect(f.urgentOnsiteShare).toBeCloseTo(1 / 3, 12);
		// The rejected and the merged ones are out of the other counts as ever.
		expect([f.received, f.rejected, f.merged]).toEqual([8, 1, 1]);
	});

	it('counts the still-open report once its 2 hours pass', () => {
		// One hour later the report received 1 h ago is 2 h old: exactly at its due time, still
		// pending; a minute after, missed → decided 4, in time 1.
		expect(computeFigures(items, policyFor, NOW + H).urgentOnsiteDecided).toBe(3);
		const later = computeFigures(items, policyFor, NOW + H + M);
		expect([later.urgentOnsiteDecided, later.urgentOnsiteInTime]).toEqual([4, 1]);
		expect(later.urgentOnsiteShare).toBeCloseTo(1 / 4, 12);
	});

	it('has no share and no times when there is nothing to measure', () => {
		const f = computeFigures([item({ receivedAt: NOW - 30 * M })], policyFor, NOW);
		expect([f.onsiteArrived, f.onsiteMeanMs, f.onsiteP90Ms]).toEqual([0, null, null]);
		expect([f.urgentOnsiteDecided, f.urgentOnsiteShare]).toEqual([0, null]);
	});

	it('judges an arrival at exactly 2 h as in time, a non-urgent one by the category hours', () => {
		const p = policies.lights;
		expect(onsiteOutcome({ urgent: true, receivedAt: T0, arrivedAt: T0 + 2 * H }, p, NOW)).toBe(
			'met'
		);
		expect(onsiteOutcome({ urgent: true, receivedAt: T0, arrivedAt: T0 + 2 * H + 1 }, p, NOW)).toBe(
			'missed'
		);
		// Non-urgent: 24 h by default.
		expect(onsiteOutcome({ urgent: false, receivedAt: T0, arrivedAt: T0 + 23 * H }, p, NOW)).toBe(
			'met'
		);
		expect(onsiteOutcome({ urgent: false, receivedAt: T0, arrivedAt: null }, p, T0 + 23 * H)).toBe(
			'pending'
		);
		expect(onsiteOutcome({ urgent: false, receivedAt: T0, arrivedAt: null }, p, T0 + 25 * H)).toBe(
			'missed'
		);
	});
});

describe('onsiteClock and acceptDueAt on a fixed clock', () => {
	const NOW = T0 + 10 * H;
	const p = policies.lights;
	const subject = (over: Partial<Parameters<typeof onsiteClock>[0]> = {}) => ({
		status: 'dispatched' as const,
		urgent: true,
		receivedAt: NOW - 60 * M,
		arrivedAt: null,
		checkAsked: true,
		...over
	});

	it('runs 2 h from receipt for an urgent check: ok, soon in the last quarter, then overdue', () => {
		// Received 60 min ago: due in 60 min; a quarter of 120 is 30, so still ok.
		expect(onsiteClock(subject(), p, NOW)).toEqual({
			phase: 'onsite',
			startedAt: NOW - 60 * M,
			dueAt: NOW + 60 * M,
			remainingMs: 60 * M,
			level: 'ok'
		});
		// Received 90 min ago: 30 min left = a quarter → soon.
		expect(onsiteClock(subject({ receivedAt: NOW - 90 * M }), p, NOW)).toMatchObject({
			dueAt: NOW + 30 * M,
			remainingMs: 30 * M,
			level: 'soon'
		});
		// Received 150 min ago: 30 min past.
		expect(onsiteClock(subject({ receivedAt: NOW - 150 * M }), p, NOW)).toMatchObject({
			remainingMs: -30 * M,
			level: 'overdue'
		});
	});

	it('runs the category hours (24 h) for a check that is not urgent', () => {
		expect(onsiteClock(subject({ urgent: false }), p, NOW)).toMatchObject({
			dueAt: NOW - 60 * M + 24 * H,
			remainingMs: 23 * H,
			level: 'ok'
		});
	});

	it('runs only for a check asked, nobody on site yet, while the item waits', () => {
		expect(onsiteClock(subject({ checkAsked: false }), p, NOW)).toBeNull();
		expect(onsiteClock(subject({ arrivedAt: NOW - M }), p, NOW)).toBeNull();
		expect(onsiteClock(subject({ status: 'contacted' }), p, NOW)).toBeNull();
		expect(onsiteClock(subject({ status: 'resolved' }), p, NOW)).toBeNull();
		expect(onsiteClock(subject({ status: 'rejected' }), p, NOW)).toBeNull();
		expect(onsiteClock(subject({ status: 'open' }), p, NOW)?.phase).toBe('onsite');
		expect(onsiteClock(subject({ status: 'reopened' }), p, NOW)?.phase).toBe('onsite');
	});

	it('gives a post 30 min to accept an urgent hop and 4 h a normal one, or the limits set', () => {
		const sent = NOW - 45 * M;
		expect(acceptDueAt(sent, true, DEFAULT_ACCEPT_LIMITS)).toBe(sent + 30 * M);
		expect(acceptDueAt(sent, false, DEFAULT_ACCEPT_LIMITS)).toBe(sent + 4 * H);
		expect(acceptDueAt(sent, true, { urgentMinutes: 15, normalMinutes: 60 })).toBe(sent + 15 * M);
		expect(acceptDueAt(sent, false, { urgentMinutes: 15, normalMinutes: 60 })).toBe(sent + H);
	});

	it("puts a hop nobody accepted in time, and a check nobody reached, on the desk's list", () => {
		const item = {
			kind: 'report' as const,
			status: 'dispatched' as const,
			urgent: true,
			receivedAt: NOW - 150 * M,
			respondedAt: NOW - 140 * M,
			resolvedAt: null,
			reopenedAt: null
		};
		const clock = slaClock(item, p, NOW);
		const onsite = onsiteClock({ ...item, arrivedAt: null, checkAsked: true }, p, NOW);
		const field = { accept: DEFAULT_ACCEPT_LIMITS, onsite };
		// Sent 31 min ago, urgent, nobody took it: past the 30 min.
		const late = attentionReasons(
			{ ...item, hop: { sentAt: NOW - 31 * M, acceptedAt: null } },
			clock,
			48,
			NOW,
			field
		);
		expect(late).toEqual(['onsite_overdue', 'not_accepted']);
		// Sent 29 min ago: still in time; taken: fine whenever.
		const fresh = attentionReasons(
			{ ...item, hop: { sentAt: NOW - 29 * M, acceptedAt: null } },
			clock,
			48,
			NOW,
			field
		);
		expect(fresh).toEqual(['onsite_overdue']);
		const taken = attentionReasons(
			{ ...item, hop: { sentAt: NOW - 140 * M, acceptedAt: NOW - 100 * M } },
			clock,
			48,
			NOW,
			{ accept: DEFAULT_ACCEPT_LIMITS, onsite: null }
		);
		expect(taken).toEqual([]);
	});
});
