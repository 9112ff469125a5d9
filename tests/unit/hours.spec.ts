import { describe, expect, it } from 'vitest';
import {
	formatHours,
	isOpenAt,
	nextChange,
	parseHours,
	shanghaiClock,
	type HoursRule
} from '../../shared/domain/hours.ts';

/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => Date.parse(`${local}+08:00`);

function rules(text: string): HoursRule[] {
	const r = parseHours(text);
	if (!r.ok) throw new Error(`${text}: ${r.error}`);
	return r.rules;
}

describe('Shanghai wall clock', () => {
	it('reads the local date, ISO weekday and minute of an instant at UTC+8', () => {
		// 2026-03-01T17:30Z is Monday 2 March 01:30 in Shanghai.
		expect(shanghaiClock(Date.parse('2026-03-01T17:30:00Z'))).toEqual({
			date: '2026-03-02',
			weekday: 1,
			minute: 90
		});
		// Sunday is 7, not 0.
		expect(shanghaiClock(sh('2026-03-08T12:00:00')).weekday).toBe(7);
	});
});

describe('open now', () => {
	it('is open inside the hours and closed outside, by Shanghai time whatever the server zone', () => {
		const daily = rules('每天 06:00-22:00');
		expect(isOpenAt(daily, sh('2026-05-04T05:59:00'))).toBe(false);
		expect(isOpenAt(daily, sh('2026-05-04T06:00:00'))).toBe(true);
		expect(isOpenAt(daily, sh('2026-05-04T21:59:00'))).toBe(true);
		// The closing minute itself is closed.
		expect(isOpenAt(daily, sh('2026-05-04T22:00:00'))).toBe(false);
		// 23:00 UTC is 07:00 the next morning in Shanghai: open, although it is night in UTC.
		expect(isOpenAt(daily, Date.parse('2026-05-04T23:00:00Z'))).toBe(true);
	});

	it('keeps hours that run over midnight open until the next morning', () => {
		const night = rules('每天 22:00-次日06:00');
		expect(isOpenAt(night, sh('2026-05-04T21:59:00'))).toBe(false);
		expect(isOpenAt(night, sh('2026-05-04T22:00:00'))).toBe(true);
		expect(isOpenAt(night, sh('2026-05-04T23:59:00'))).toBe(true);
		expect(isOpenAt(night, sh('2026-05-05T00:00:00'))).toBe(true);
		expect(isOpenAt(night, sh('2026-05-05T05:59:00'))).toBe(true);
		expect(isOpenAt(night, sh('2026-05-05T06:00:00'))).toBe(false);
		expect(isOpenAt(night, sh('2026-05-05T12:00:00'))).toBe(false);
	});

	it('counts the small hours after a Friday night as Friday’s, not Saturday’s', () => {
		// Open Friday 20:00 to Saturday 02:00 only.
		const friday = rules('周五 20:00-02:00');
		expect(isOpenAt(friday, sh('2026-05-08T23:00:00'))).toBe(true); // Friday night
		expect(isOpenAt(friday, sh('2026-05-09T01:30:00'))).toBe(true); // Saturday 01:30
		expect(isOpenAt(friday, sh('2026-05-09T20:30:00'))).toBe(false); // Saturday night
		expect(isOpenAt(friday, sh('2026-05-08T01:30:00'))).toBe(false); // Thursday's small hours
		// Sunday night runs into Monday morning: the week wraps.
		const sunday = rules('周日 22:00-次日03:00');
		expect(isOpenAt(sunday, sh('2026-05-11T02:00:00'))).toBe(true);
	});

	it('follows weekday-only hours such as the 四点半课堂', () => {
		const klass = rules('周一至周五 16:30-18:00');
		expect(isOpenAt(klass, sh('2026-05-08T17:00:00'))).toBe(true); // Friday
		expect(isOpenAt(klass, sh('2026-05-09T17:00:00'))).toBe(false); // Saturday
		expect(isOpenAt(klass, sh('2026-05-10T17:00:00'))).toBe(false); // Sunday
		expect(isOpenAt(klass, sh('2026-05-11T16:29:00'))).toBe(false);
		expect(isOpenAt(klass, sh('2026-05-11T16:30:00'))).toBe(true);
	});

	it('is always open 全天 and closed with no hours at all', () => {
		expect(isOpenAt(rules('全天'), sh('2026-05-09T03:00:00'))).toBe(true);
		expect(isOpenAt([], sh('2026-05-09T03:00:00'))).toBe(false);
	});

	it('names when an over-midnight service next closes and opens', () => {
		const night = rules('每天 22:00-次日06:00');
		expect(nextChange(night, sh('2026-05-04T23:00:00'))).toBe(sh('2026-05-05T06:00:00'));
		expect(nextChange(night, sh('2026-05-05T07:00:00'))).toBe(sh('2026-05-05T22:00:00'));
		// Closed all weekend: Friday evening's next opening is Monday's.
		const klass = rules('周一至周五 16:30-18:00');
		expect(nextChange(klass, sh('2026-05-08T19:00:00'))).toBe(sh('2026-05-11T16:30:00'));
		expect(nextChange(rules('全天'), sh('2026-05-08T19:00:00'))).toBeNull();
	});

	it('joins back-to-back rules into one open stretch', () => {
		// Open 22:00 to 06:00 and 06:00 to 09:00: first closes at 09:00.
		const r = rules('每天 22:00-06:00；每天 06:00-09:00');
		expect(nextChange(r, sh('2026-05-04T23:00:00'))).toBe(sh('2026-05-05T09:00:00'));
	});
});

describe('hours as text', () => {
	it('reads the ways staff write hours and writes them back the same way', () => {
		expect(rules('每天 06:00-22:00')).toEqual([
			{ days: [1, 2, 3, 4, 5, 6, 7], open: 360, close: 1320 }
		]);
		expect(rules('周一至周五 16:30-18:00；周六、周日 09:00-11:30')).toEqual([
			{ days: [1, 2, 3, 4, 5], open: 990, close: 1080 },
			{ days: [6, 7], open: 540, close: 690 }
		]);
		expect(rules('22:00-次日06:00')).toEqual([
			{ days: [1, 2, 3, 4, 5, 6, 7], open: 1320, close: 360 }
		]);
		expect(rules('周五至周一 20:00-24:00')[0]!.days).toEqual([1, 5, 6, 7]);
		expect(rules('工作日 8:00～17:30')[0]).toEqual({
			days: [1, 2, 3, 4, 5],
			open: 480,
			close: 1050
		});
		for (const text of [
			'每天 06:00-22:00',
			'周一至周五 16:30-18:00；周六、周日 09:00-11:30',
			'每天 22:00-次日06:00',
			'全天',
			'周一、周三 全天',
			'周二 08:00-24:00'
		]) {
			expect(formatHours(rules(text))).toBe(text);
		}
		// Overnight without 次日 is understood, and written back with it.
		expect(formatHours(rules('每天 22:00-06:00'))).toBe('每天 22:00-次日06:00');
	});

	it('refuses text it cannot read, naming what is wrong', () => {
		expect(parseHours('')).toEqual({ ok: false, error: 'hours_empty' });
		expect(parseHours('周八 08:00-09:00')).toEqual({ ok: false, error: 'hours_bad_days' });
		expect(parseHours('每天 25:00-26:00')).toEqual({ ok: false, error: 'hours_bad_time' });
		expect(parseHours('每天 08:70-09:00')).toEqual({ ok: false, error: 'hours_bad_time' });
		expect(parseHours('每天 08:00-08:00')).toEqual({ ok: false, error: 'hours_bad_time' });
		expect(parseHours('每天 08:00-次日09:00')).toEqual({ ok: false, error: 'hours_bad_time' });
		expect(parseHours('早上八点')).toEqual({ ok: false, error: 'hours_bad_time' });
	});
});
