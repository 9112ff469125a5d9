import { describe, expect, it } from 'vitest';
import {
	daysInMonth,
	describeSchedule,
	hasOccurrenceOn,
	nextOccurrence,
	occurrences,
	type Schedule
} from '../../shared/domain/recurrence.ts';

/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const DAY = 86_400_000;

const serviceDay: Schedule = {
	kind: 'monthly',
	day: 15,
	time: '09:00',
	minutes: 180,
	from: '2026-01-01',
	until: null,
	except: []
};

const afterSchool: Schedule = {
	kind: 'weekly',
	days: [1, 2, 3, 4, 5],
	time: '16:30',
	minutes: 90,
	from: '2026-01-01',
	until: null,
	except: []
};

describe('the monthly service day on the 15th', () => {
	it('falls on the 15th of every month at 09:00 Shanghai time', () => {
		const year = occurrences(serviceDay, sh('2026-01-01T00:00:00'), sh('2027-01-01T00:00:00'));
		expect(year.map((o) => o.date)).toEqual(
			Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-15`)
		);
		// 09:00 in Shanghai is 01:00 UTC the same day.
		expect(new Date(year[0]!.start).toISOString()).toBe('2026-01-15T01:00:00.000Z');
		expect(year[0]!.end - year[0]!.start).toBe(3 * 3600_000);
	});

	it('is the next one from the 16th, and still today’s while it is running', () => {
		expect(nextOccurrence(serviceDay, sh('2026-03-16T08:00:00'))?.date).toBe('2026-04-15');
		expect(nextOccurrence(serviceDay, sh('2026-03-15T10:00:00'))?.date).toBe('2026-03-15');
		expect(nextOccurrence(serviceDay, sh('2026-03-15T12:00:00'))?.date).toBe('2026-04-15');
	});

	it('lands on the month’s last day when the month is too short for its day', () => {
		expect([
			daysInMonth(2026, 2),
			daysInMonth(2028, 2),
			daysInMonth(2026, 4),
			daysInMonth(2026, 12)
		]).toEqual([28, 29, 30, 31]);
		const end: Schedule = { ...serviceDay, day: 31 };
		const dates = occurrences(end, sh('2026-01-01T00:00:00'), sh('2026-07-01T00:00:00')).map(
			(o) => o.date
		);
		expect(dates).toEqual([
			'2026-01-31',
			'2026-02-28',
			'2026-03-31',
			'2026-04-30',
			'2026-05-31',
			'2026-06-30'
		]);
		const leap = occurrences(
			{ ...serviceDay, day: 30 },
			sh('2028-02-01T00:00:00'),
			sh('2028-03-01T00:00:00')
		);
		expect(leap.map((o) => o.date)).toEqual(['2028-02-29']);
	});

	it('skips a called-off month and stops after its last date', () => {
		const s: Schedule = { ...serviceDay, except: ['2026-02-15'], until: '2026-04-14' };
		const dates = occurrences(s, sh('2026-01-01T00:00:00'), sh('2026-12-31T00:00:00')).map(
			(o) => o.date
		);
		expect(dates).toEqual(['2026-01-15', '2026-03-15']);
	});
});

describe('weekday classes', () => {
	it('runs Monday to Friday at 16:30 and never at the weekend', () => {
		// Monday 4 May 2026 to Sunday 17 May: two school weeks.
		const list = occurrences(afterSchool, sh('2026-05-04T00:00:00'), sh('2026-05-18T00:00:00'));
		expect(list.map((o) => o.date)).toEqual([
			'2026-05-04',
			'2026-05-05',
			'2026-05-06',
			'2026-05-07',
			'2026-05-08',
			'2026-05-11',
			'2026-05-12',
			'2026-05-13',
			'2026-05-14',
			'2026-05-15'
		]);
		expect(list.every((o) => new Date(o.start).toISOString().endsWith('T08:30:00.000Z'))).toBe(
			true
		);
	});

	it('puts a class on the Shanghai date even when that is another date in UTC', () => {
		// 07:30 on Monday in Shanghai is still Sunday in UTC.
		const early: Schedule = { ...afterSchool, days: [1], time: '07:30', minutes: 30 };
		const [first] = occurrences(early, sh('2026-05-03T00:00:00'), sh('2026-05-06T00:00:00'));
		expect(first?.date).toBe('2026-05-04');
		expect(new Date(first!.start).toISOString()).toBe('2026-05-03T23:30:00.000Z');
	});

	it('does not start before its first date', () => {
		const s: Schedule = { ...afterSchool, from: '2026-05-06' };
		const list = occurrences(s, sh('2026-05-04T00:00:00'), sh('2026-05-09T00:00:00'));
		expect(list.map((o) => o.date)).toEqual(['2026-05-06', '2026-05-07', '2026-05-08']);
	});
});

describe('one-off activities and sign-up dates', () => {
	const clinic: Schedule = { kind: 'once', date: '2026-06-20', time: '14:00', minutes: 120 };

	it('happens exactly once, and only inside the window asked for', () => {
		expect(
			occurrences(clinic, sh('2026-06-01T00:00:00'), sh('2026-06-01T00:00:00') + 30 * DAY)
		).toHaveLength(1);
		expect(occurrences(clinic, sh('2026-06-20T16:00:00'), sh('2026-07-01T00:00:00'))).toHaveLength(
			0
		);
		expect(nextOccurrence(clinic, sh('2026-06-21T00:00:00'))).toBeNull();
	});

	it('accepts a sign-up date only when the schedule really happens that day', () => {
		expect(hasOccurrenceOn(serviceDay, '2026-07-15')).toBe(true);
		expect(hasOccurrenceOn(serviceDay, '2026-07-16')).toBe(false);
		expect(hasOccurrenceOn(afterSchool, '2026-05-09')).toBe(false); // Saturday
		expect(hasOccurrenceOn({ ...serviceDay, day: 31 }, '2026-02-28')).toBe(true);
		expect(hasOccurrenceOn({ ...serviceDay, day: 30 }, '2026-02-30')).toBe(false); // no such day
		expect(hasOccurrenceOn(clinic, '2026-06-20')).toBe(true);
		expect(hasOccurrenceOn(clinic, 'tomorrow')).toBe(false);
	});

	it('reads as a person would say it', () => {
		expect(describeSchedule(serviceDay)).toBe('每月15日 09:00');
		expect(describeSchedule(afterSchool)).toBe('周一至周五 16:30');
		expect(describeSchedule({ ...afterSchool, days: [2, 4] })).toBe('周二、周四 16:30');
		expect(describeSchedule(clinic)).toBe('2026年6月20日 14:00');
	});
});
