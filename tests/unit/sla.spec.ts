import { describe, expect, it } from 'vitest';
import {
	acceptDueAt,
	attentionReasons,
	compareByUrgency,
	DEFAULT_ACCEPT_LIMITS,
	defaultPolicies,
	durationParts,
	onsiteClock,
	onsiteOutcome,
	responseOutcome,
	slaClock,
	type ClockSubject
} from '../../shared/domain/sla.ts';

const H = 3600_000;
const T0 = Date.parse('2024-03-01T01:00:00Z');
const M = 60_000;
const policy = { responseHours: 24, urgentHours: 2, resolutionHours: 168, onsiteHours: 24 };

function subject(over: Partial<ClockSubject>): ClockSubject {
	return {
		status: 'open',
		urgent: false,
		receivedAt: T0,
		respondedAt: null,
		resolvedAt: null,
		reopenedAt: null,
		...over
	};
}

describe('SLA clocks', () => {
	it('defaults every category to 24 h, 2 h when urgent, 7 days to resolve and 24 h to be on site', () => {
		for (const p of Object.values(defaultPolicies())) {
			expect(p).toEqual({
				responseHours: 24,
				urgentHours: 2,
				resolutionHours: 168,
				onsiteHours: 24
			});
		}
	});

	it('runs the response clock from receipt and shows the time left', () => {
		const c = slaClock(subject({}), policy, T0 + 5 * H);
		expect(c).toEqual({
			phase: 'response',
			startedAt: T0,
			dueAt: T0 + 24 * H,
			remainingMs: 19 * H,
			level: 'ok'
		});
	});

	it('warns when a quarter of the target or less remains, and turns overdue after the due time', () => {
		expect(slaClock(subject({}), policy, T0 + 18 * H).level).toBe('soon');
		expect(slaClock(subject({}), policy, T0 + 24 * H).level).toBe('soon');
		const late = slaClock(subject({}), policy, T0 + 24 * H + 1);
		expect(late.level).toBe('overdue');
		expect(late.remainingMs).toBe(-1);
	});

	it('gives an urgent item two hours', () => {
		const c = slaClock(subject({ urgent: true }), policy, T0 + 3 * H);
		expect(c.dueAt).toBe(T0 + 2 * H);
		expect(c.level).toBe('overdue');
	});

	it('stops the response clock at the first dispatch or claim and starts the resolution clock', () => {
		const c = slaClock(
			subject({ status: 'dispatched', respondedAt: T0 + 30 * H }),
			policy,
			T0 + 40 * H
		);
		expect(c.phase).toBe('resolution');
		expect(c.dueAt).toBe(T0 + 30 * H + 168 * H);
		expect(c.level).toBe('ok');
	});

	it('keeps the resolution clock running when a claim is released back to open', () => {
		const c = slaClock(subject({ status: 'open', respondedAt: T0 + H }), policy, T0 + 200 * H);
		expect(c.phase).toBe('resolution');
		expect(c.level).toBe('overdue');
	});

	it('restarts the response clock when a poor rating reopens the item', () => {
		const reopenedAt = T0 + 100 * H;
		const c = slaClock(
			subject({
				status: 'reopened',
				respondedAt: T0 + H,
				resolvedAt: T0 + 50 * H,
				reopenedAt
			}),
			policy,
			reopenedAt + H
		);
		expect(c).toMatchObject({
			phase: 'response',
			startedAt: reopenedAt,
			dueAt: reopenedAt + 24 * H
		});
	});

	it('runs no clock on finished, rejected or merged items', () => {
		for (const status of ['resolved', 'closed'] as const) {
			expect(slaClock(subject({ status, respondedAt: T0 }), policy, T0).phase).toBe('done');
		}
		for (const status of ['rejected', 'merged'] as const) {
			expect(slaClock(subject({ status }), policy, T0)).toMatchObject({
				phase: 'stopped',
				dueAt: null,
				level: 'none'
			});
		}
	});

	it('sorts the most overdue first, then the soonest due, then items without a clock', () => {
		const now = T0 + 30 * H;
		const veryLate = slaClock(subject({ receivedAt: T0 - 10 * H }), policy, now);
		const late = slaClock(subject({}), policy, now);
		const fresh = slaClock(subject({ receivedAt: now }), policy, now);
		const done = slaClock(subject({ status: 'closed', respondedAt: T0 }), policy, now);
		const sorted = [done, fresh, late, veryLate].sort(compareByUrgency);
		expect(sorted).toEqual([veryLate, late, fresh, done]);
	});

	it('judges a response in time up to and including the due instant', () => {
		expect(responseOutcome(subject({ respondedAt: T0 + 24 * H }), policy, T0)).toBe('met');
		expect(responseOutcome(subject({ respondedAt: T0 + 24 * H + 1 }), policy, T0)).toBe('missed');
		expect(responseOutcome(subject({}), policy, T0 + 24 * H)).toBe('pending');
		expect(responseOutcome(subject({}), policy, T0 + 24 * H + 1)).toBe('missed');
	});

	it('splits a duration into days, hours and minutes for words', () => {
		expect(durationParts(2 * 24 * H + 3 * H + 5 * 60_000 + 59_000)).toEqual({
			days: 2,
			hours: 3,
			minutes: 5
		});
		expect(durationParts(-90 * 60_000)).toEqual({ days: 0, hours: 1, minutes: 30 });
	});
});

describe('what needs the desk’s attention', () => {
	const reasons = (over: Partial<ClockSubject> & { kind?: 'wish' | 'report' }, now: number) => {
		const s = { ...subject(over), kind: over.kind ?? 'report' };
		return attentionReasons(s, slaClock(s, policy, now), 12, now);
	};

	it('lists a new problem report at once, but a micro-wish only after the escalation time', () => {
		expect(reasons({ kind: 'report' }, T0)).toEqual(['new_report']);
		expect(reasons({ kind: 'wish' }, T0 + 12 * H - 1)).toEqual([]);
		expect(reasons({ kind: 'wish' }, T0 + 12 * H)).toEqual(['escalated_wish']);
	});

	it('lists reopened items, released claims and anything overdue; not items in hand', () => {
		expect(
			reasons({ status: 'reopened', respondedAt: T0, reopenedAt: T0 + H }, T0 + 2 * H)
		).toEqual(['reopened']);
		expect(reasons({ status: 'open', respondedAt: T0 + H }, T0 + 2 * H)).toEqual(['released']);
		expect(reasons({ status: 'dispatched', respondedAt: T0 + H }, T0 + 2 * H)).toEqual([]);
		expect(reasons({ status: 'dispatched', respondedAt: T0 + H }, T0 + 200 * H)).toEqual([
			'overdue'
		]);
		expect(reasons({ kind: 'report' }, T0 + 25 * H)).toEqual(['overdue', 'new_report']);
	});
});

describe('the field chain on the desk', () => {
	/** A report sent to a post at T0 + 10 min, as the desk's queue sees it at `now`. */
	function field(
		over: Partial<ClockSubject> & {
			hop?: { step: 'check' | 'work'; sentAt: number; acceptedAt: number | null } | null;
			arrivedAt?: number | null;
			lastType?: string;
		},
		now: number,
		limits = DEFAULT_ACCEPT_LIMITS
	) {
		const item = {
			...subject({ status: 'dispatched', respondedAt: T0 + 10 * M, ...over }),
			kind: 'report' as const,
			hop:
				over.hop === undefined
					? { step: 'work' as const, sentAt: T0 + 10 * M, acceptedAt: null }
					: over.hop,
			arrivedAt: over.arrivedAt ?? null,
			lastType: over.lastType ?? 'wish:dispatched'
		};
		const onsite = onsiteClock({ ...item, checkAsked: item.hop?.step === 'check' }, policy, now);
		return attentionReasons(item, slaClock(item, policy, now), 12, now, {
			accept: limits,
			onsite
		});
	}

	it('lists a hop nobody of the post accepted: urgent after 30 minutes, otherwise after 4 hours', () => {
		const sent = T0 + 10 * M;
		expect(field({ urgent: true }, sent + 30 * M)).toEqual([]);
		expect(field({ urgent: true }, sent + 30 * M + 1)).toEqual(['not_accepted']);
		expect(field({}, sent + 240 * M)).toEqual([]);
		expect(field({}, sent + 240 * M + 1)).toEqual(['not_accepted']);
		// The desk's own limits, not the defaults, when it set them.
		const limits = { urgentMinutes: 10, normalMinutes: 60 };
		expect(field({}, sent + 61 * M, limits)).toEqual(['not_accepted']);
		expect(acceptDueAt(sent, true, limits)).toBe(sent + 10 * M);
	});

	it('leaves an accepted hop alone, however long ago it was sent', () => {
		const hop = { step: 'work' as const, sentAt: T0 + 10 * M, acceptedAt: T0 + 20 * M };
		expect(field({ urgent: true, hop }, T0 + 5 * H)).toEqual([]);
	});

	it('lists an urgent check nobody reached within 2 hours as on-site overdue, until someone arrives', () => {
		const hop = { step: 'check' as const, sentAt: T0 + 10 * M, acceptedAt: T0 + 15 * M };
		expect(field({ urgent: true, hop }, T0 + 2 * H)).toEqual([]);
		expect(field({ urgent: true, hop }, T0 + 2 * H + 1)).toEqual(['onsite_overdue']);
		// Arrived (the item is then 'contacted'): the clock stops.
		expect(
			field({ urgent: true, hop, status: 'contacted', arrivedAt: T0 + 3 * H }, T0 + 4 * H)
		).toEqual([]);
		// A normal item has the category's on-site hours.
		expect(field({ hop }, T0 + 24 * H)).toEqual([]);
		expect(field({ hop }, T0 + 24 * H + 1)).toEqual(['onsite_overdue']);
		// Sent for the work, not a check: no on-site clock.
		expect(field({ urgent: true, hop: { ...hop, step: 'work' } }, T0 + 3 * H)).toEqual([]);
	});

	it('says why a report is back from the field: findings to judge, or handed back', () => {
		const back = { status: 'open' as const, hop: null };
		expect(field({ ...back, lastType: 'wish:reported' }, T0 + H)).toEqual(['findings']);
		expect(field({ ...back, lastType: 'wish:handed_back' }, T0 + H)).toEqual(['handed_back']);
		expect(field({ ...back, lastType: 'wish:released' }, T0 + H)).toEqual(['released']);
	});

	it('runs the on-site clock from receipt, 2 h for urgent items, and judges the arrival', () => {
		const base = { urgent: true, receivedAt: T0, arrivedAt: null, status: 'dispatched' as const };
		expect(onsiteClock({ ...base, checkAsked: true }, policy, T0 + H)).toMatchObject({
			phase: 'onsite',
			startedAt: T0,
			dueAt: T0 + 2 * H,
			level: 'ok'
		});
		expect(onsiteClock({ ...base, checkAsked: false }, policy, T0 + H)).toBeNull();
		expect(onsiteOutcome({ ...base, arrivedAt: T0 + 2 * H }, policy, T0 + 5 * H)).toBe('met');
		expect(onsiteOutcome({ ...base, arrivedAt: T0 + 2 * H + 1 }, policy, T0 + 5 * H)).toBe(
			'missed'
		);
		expect(onsiteOutcome(base, policy, T0 + 2 * H)).toBe('pending');
		expect(onsiteOutcome(base, policy, T0 + 2 * H + 1)).toBe('missed');
	});
});
