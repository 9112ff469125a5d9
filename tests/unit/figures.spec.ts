import { describe, expect, it } from 'vitest';
import {
	computeFigures,
	groupFigures,
	isCalendarDate,
	monthsBetween,
	percentile,
	shanghaiDate,
	shanghaiMonth,
	shanghaiRange,
	type FigureItem
} from '../../shared/domain/figures.ts';
import { defaultPolicies } from '../../shared/domain/sla.ts';
import {
	DATASET,
	EXPECTED_MONTHS,
	EXPECTED_SITES,
	EXPECTED_TOTAL,
	RANGE,
	sh,
	toFigureItem
} from '../helpers/desk-dataset.ts';

const policies = defaultPolicies();
const policyFor = (c: FigureItem['category']) => policies[c];
const NOW = sh('2024-04-01 12:00');
const H = 3600_000;

function inRange(items: FigureItem[], from: string, to: string): FigureItem[] {
	const { start, end } = shanghaiRange(from, to);
	return items.filter((i) => i.receivedAt >= start && i.receivedAt < end);
}

const all = DATASET.map(toFigureItem);
const ranged = inRange(all, RANGE.from, RANGE.to);

function item(over: Partial<FigureItem>): FigureItem {
	return {
		kind: 'report',
		category: 'repair',
		site: 'alpha',
		status: 'open',
		urgent: false,
		receivedAt: sh('2024-03-01 09:00'),
		respondedAt: null,
		resolvedAt: null,
		arrivedAt: null,
		rating: null,
		person: null,
		...over
	};
}

describe('figures on the hand-made township', () => {
	it('keeps items received from 00:00 on 1 January to 23:59 on 29 February Shanghai time', () => {
		expect(ranged.map((i) => DATASET[all.indexOf(i)]!.n).sort((a, b) => a - b)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
		]);
	});

	it('computes every total exactly as worked out by hand', () => {
		const f = computeFigures(ranged, policyFor, NOW);
		expect(f).toEqual({
			...EXPECTED_TOTAL,
			responseRate: f.responseRate,
			completionRate: f.completionRate,
			satisfaction: f.satisfaction,
			claimRate: f.claimRate
		});
		expect(f.responseRate).toBeCloseTo(EXPECTED_TOTAL.responseRate, 12);
		expect(f.completionRate).toBeCloseTo(EXPECTED_TOTAL.completionRate, 12);
		expect(f.satisfaction).toBeCloseTo(EXPECTED_TOTAL.satisfaction, 12);
		expect(f.claimRate).toBeCloseTo(EXPECTED_TOTAL.claimRate, 12);
	});

	it('puts each item in the Shanghai month it was received, even when resolved the next month', () => {
		const months = groupFigures(ranged, (i) => shanghaiMonth(i.receivedAt), policyFor, NOW);
		expect(months.map((m) => m.key)).toEqual(['2024-01', '2024-02']);
		for (const { key, figures } of months) {
			const want = EXPECTED_MONTHS[key as keyof typeof EXPECTED_MONTHS];
			expect(figures.received, key).toBe(want.received);
			expect(figures.rejected, key).toBe(want.rejected);
			expect(figures.resolved, key).toBe(want.resolved);
			expect(figures.completionRate, key).toBeCloseTo(want.completionRate, 12);
			expect(figures.responseMeanMs, key).toBe(want.responseMeanMs);
			expect(figures.responseP90Ms, key).toBe(want.responseP90Ms);
			expect(figures.responseRate, key).toBeCloseTo(want.responseRate, 12);
			expect(figures.satisfaction, key).toBeCloseTo(want.satisfaction, 12);
			expect(figures.claimRate, key).toBeCloseTo(want.claimRate, 12);
			expect(figures.peopleServed, key).toBe(want.peopleServed);
		}
	});

	it('computes per-site figures', () => {
		const sites = groupFigures(ranged, (i) => i.site, policyFor, NOW);
		for (const { key, figures } of sites) {
			const want = EXPECTED_SITES[key as keyof typeof EXPECTED_SITES];
			expect(figures.received, key).toBe(want.received);
			expect(figures.rejected, key).toBe(want.rejected);
			expect(figures.resolved, key).toBe(want.resolved);
			expect(figures.completionRate, key).toBeCloseTo(want.completionRate, 12);
		}
	});
});

describe('figure edge cases', () => {
	it('gives no satisfaction figure (not 100 %) when nobody has rated', () => {
		const f = computeFigures(
			[item({ status: 'resolved', respondedAt: sh('2024-03-01 10:00') })],
			policyFor,
			NOW
		);
		expect(f.ratings).toBe(0);
		expect(f.satisfaction).toBeNull();
	});

	it('gives no rates at all for an empty period', () => {
		const f = computeFigures([], policyFor, NOW);
		expect(f).toMatchObject({
			received: 0,
			responseMeanMs: null,
			responseP90Ms: null,
			responseRate: null,
			completionRate: null,
			satisfaction: null,
			claimRate: null,
			peopleServed: 0
		});
	});

	it('leaves a rejected item out of response times, rates and ratings even if it was dispatched first', () => {
		const rejected = item({
			status: 'rejected',
			respondedAt: sh('2024-03-02 09:00'),
			rating: 1
		});
		const good = item({
			status: 'resolved',
			respondedAt: sh('2024-03-01 10:00'),
			resolvedAt: sh('2024-03-01 12:00'),
			rating: 5
		});
		const f = computeFigures([rejected, good], policyFor, NOW);
		expect(f.received).toBe(2);
		expect(f.rejected).toBe(1);
		expect(f.responseMeanMs).toBe(1 * H);
		expect(f.responseRate).toBe(1);
		expect(f.completionRate).toBe(1);
		expect(f.satisfaction).toBe(1);
	});

	it('does not count a response as late while the item is still inside its target', () => {
		const now = sh('2024-03-01 20:00');
		const waiting = item({ receivedAt: sh('2024-03-01 09:00') });
		const late = item({ receivedAt: sh('2024-02-28 09:00') });
		const f = computeFigures([waiting, late], policyFor, now);
		expect(f.responseDecided).toBe(1);
		expect(f.responseRate).toBe(0);
	});

	it('holds urgent items to the urgent target', () => {
		const received = sh('2024-03-01 09:00');
		const urgentLate = item({
			urgent: true,
			receivedAt: received,
			respondedAt: received + 2 * H + 60_000
		});
		const urgentInTime = item({
			urgent: true,
			receivedAt: received,
			respondedAt: received + 2 * H
		});
		const f = computeFigures([urgentLate, urgentInTime], policyFor, NOW);
		expect(f.respondedInSla).toBe(1);
		expect(f.responseDecided).toBe(2);
	});

	it('takes P90 by nearest rank, not the maximum, once there are ten or more values', () => {
		expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9);
		expect(percentile([5], 90)).toBe(5);
		expect(percentile([], 90)).toBeNull();
		expect(
			percentile(
				Array.from({ length: 20 }, (_, i) => i + 1),
				90
			)
		).toBe(18);
	});
});

describe('the Shanghai calendar', () => {
	it('starts a Shanghai day at 16:00 UTC the day before', () => {
		expect(shanghaiDate(Date.parse('2024-01-31T15:59:59.999Z'))).toBe('2024-01-31');
		expect(shanghaiDate(Date.parse('2024-01-31T16:00:00.000Z'))).toBe('2024-02-01');
		expect(shanghaiMonth(Date.parse('2023-12-31T16:00:00.000Z'))).toBe('2024-01');
		expect(shanghaiMonth(Date.parse('2023-12-31T15:59:59.999Z'))).toBe('2023-12');
	});

	it('makes a range from the first instant of the first day to the last instant of the last', () => {
		const { start, end } = shanghaiRange('2024-02-01', '2024-02-29');
		expect(new Date(start).toISOString()).toBe('2024-01-31T16:00:00.000Z');
		expect(new Date(end).toISOString()).toBe('2024-02-29T16:00:00.000Z');
	});

	it('refuses days that do not exist and lists the months of a range', () => {
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('2023-02-29')).toBe(false);
		expect(isCalendarDate('2024-04-31')).toBe(false);
		expect(isCalendarDate('2024-13-01')).toBe(false);
		expect(monthsBetween('2023-11-20', '2024-02-01')).toEqual([
			'2023-11',
			'2023-12',
			'2024-01',
			'2024-02'
		]);
	});
});
