/**
 * When an activity happens: once, on a day of every month (the 先锋志愿服务日 on the 15th), or on
 * some weekdays (四点半课堂 Monday to Friday at 16:30). Times are Asia/Shanghai wall-clock times;
 * China keeps no daylight saving, so a local time is always UTC+8. Pure; no I/O.
 */
import type { Weekday } from './hours.ts';
import { SHANGHAI_OFFSET_MS } from './time.ts';

interface Timing {
	/** Local start time, "HH:MM". */
	time: string;
	/** How long it lasts, in minutes. */
	minutes: number;
}

interface Repeating extends Timing {
	/** First local date it may happen on, "YYYY-MM-DD". */
	from: string;
	/** Last local date it may happen on, or null for no end. */
	until: string | null;
	/** Local dates it is called off (a holiday, a cancelled class). */
	except: string[];
}

export type Schedule =
	| ({ kind: 'once'; date: string } & Timing)
	| ({ kind: 'monthly'; day: number } & Repeating)
	| ({ kind: 'weekly'; days: Weekday[] } & Repeating);

export interface Occurrence {
	/** Local date, "YYYY-MM-DD": with the activity, what a sign-up is for. */
	date: string;
	start: number;
	end: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local date a monthly schedule falls on in a month: its day, or the month's last day. */
export function monthlyDate(day: number, year: number, month: number): string {
	const d = Math.min(day, daysInMonth(year, month));
	return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function minutesOf(time: string): number {
	const [h, m] = time.split(':').map(Number) as [number, number];
	return h * 60 + m;
}

/** Whether the schedule happens on this local date (one the iteration produced, so it exists). */
function firesOn(s: Schedule, date: string): boolean {
	if (s.kind === 'once') return date === s.date;
	if (date < s.from || (s.until !== null && date > s.until) || s.except.includes(date)) {
		return false;
	}
	if (s.kind === 'weekly') {
		const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
		return s.days.includes((dow === 0 ? 7 : dow) as Weekday);
	}
	const [y, m] = date.split('-').map(Number) as [number, number];
	// Day 31 in a 30-day month falls on the 30th; day 15 is always the 15th.
	return date === monthlyDate(s.day, y, m);
}

/** The occurrence on a local date, whether or not the schedule fires then. */
export function occurrenceOn(s: Schedule, date: string): Occurrence {
	const start =
		Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS + minutesOf(s.time) * MINUTE_MS;
	return { date, start, end: start + s.minutes * MINUTE_MS };
}

/** Whether an occurrence on this date is one the schedule really has (a sign-up names one). */
export function hasOccurrenceOn(s: Schedule, date: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
	const parsed = Date.parse(`${date}T00:00:00Z`);
	// Date.parse rolls 30 February over into March; a day that does not exist is no occurrence.
	if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== date) return false;
	return firesOn(s, date);
}

/** Occurrences not yet over at `from` that start before `to`, in time order. */
export function occurrences(s: Schedule, from: number, to: number): Occurrence[] {
	const out: Occurrence[] = [];
	// Start early enough to catch one that began before `from` and is still running.
	const first = Math.floor((from + SHANGHAI_OFFSET_MS - s.minutes * MINUTE_MS) / DAY_MS) - 1;
	const last = Math.floor((to + SHANGHAI_OFFSET_MS) / DAY_MS);
	for (let day = first; day <= last; day++) {
		const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
		if (!firesOn(s, date)) continue;
		const o = occurrenceOn(s, date);
		if (o.end > from && o.start < to) out.push(o);
	}
	return out;
}

/** The next occurrence not yet over at `at`, looking a year ahead. */
export function nextOccurrence(s: Schedule, at: number): Occurrence | null {
	return occurrences(s, at, at + 366 * DAY_MS)[0] ?? null;
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** How a schedule reads to a person: 每月15日 09:00 · 周一至周五 16:30 · 2026年12月3日 09:00. */
export function describeSchedule(s: Schedule): string {
	if (s.kind === 'once') {
		const [y, m, d] = s.date.split('-').map(Number) as [number, number, number];
		return `${y}年${m}月${d}日 ${s.time}`;
	}
	if (s.kind === 'monthly') return `每月${s.day}日 ${s.time}`;
	const days = [...s.days].sort((a, b) => a - b);
	const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
	const words =
		days.length === 7
			? '每天'
			: consecutive && days.length >= 3
				? `${DAY_NAMES[days[0]!]}至${DAY_NAMES[days.at(-1)!]}`
				: days.map((d) => DAY_NAMES[d]).join('、');
	return `${words} ${s.time}`;
}
