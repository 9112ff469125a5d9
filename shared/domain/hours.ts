/**
 * Opening hours of a station service, and whether it is open at an instant (Asia/Shanghai wall
 * clock). Pure; no I/O.
 *
 * A rule covers some weekdays from `open` to `close`, in minutes after local midnight. A rule
 * whose close is at or before its open runs over midnight and ends on the next day
 * ("22:00-次日06:00" belongs to the day it starts on). "00:00-24:00" is the whole day.
 *
 * Staff write hours as text, and the kiosk shows the same text, e.g.
 *   每天 06:00-22:00
 *   周一至周五 16:30-18:00；周六、周日 09:00-11:30
 *   每天 22:00-次日06:00
 *   全天
 */
import { SHANGHAI_OFFSET_MS } from './time.ts';

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export interface HoursRule {
	days: Weekday[];
	/** Minutes after local midnight, 0–1439. */
	open: number;
	/** Minutes after local midnight, 1–1440; at or before `open` means the next day. */
	close: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DAY_MIN = 1440;

/** The Shanghai wall clock at an instant. */
export function shanghaiClock(at: number): {
	date: string;
	weekday: Weekday;
	minute: number;
} {
	const local = new Date(at + SHANGHAI_OFFSET_MS);
	const dow = local.getUTCDay();
	return {
		date: local.toISOString().slice(0, 10),
		weekday: (dow === 0 ? 7 : dow) as Weekday,
		minute: local.getUTCHours() * 60 + local.getUTCMinutes()
	};
}

/** The instant the Shanghai calendar day holding `at` starts. */
function dayStart(at: number): number {
	return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

function length(rule: HoursRule): number {
	return rule.close > rule.open ? rule.close - rule.open : rule.close + DAY_MIN - rule.open;
}

function previous(day: Weekday): Weekday {
	return (day === 1 ? 7 : day - 1) as Weekday;
}

/** Whether any rule has the service open at this instant. */
export function isOpenAt(rules: readonly HoursRule[], at: number): boolean {
	const { weekday, minute } = shanghaiClock(at);
	return rules.some((r) => {
		// Started today and still running …
		if (r.days.includes(weekday) && minute >= r.open && minute < r.open + length(r)) return true;
		// … or started yesterday and runs past midnight into today.
		const spill = r.open + length(r) - DAY_MIN;
		return spill > 0 && r.days.includes(previous(weekday)) && minute < spill;
	});
}

/**
 * The next instant after `at` at which the service opens or closes, within the coming week, or
 * null when it never changes (always open, or no hours at all).
 */
export function nextChange(rules: readonly HoursRule[], at: number): number | null {
	const today = dayStart(at);
	const edges: number[] = [];
	for (let d = -1; d <= 8; d++) {
		const start = today + d * DAY_MS;
		const { weekday } = shanghaiClock(start);
		for (const r of rules) {
			if (!r.days.includes(weekday)) continue;
			edges.push(start + r.open * MINUTE_MS, start + (r.open + length(r)) * MINUTE_MS);
		}
	}
	const now = isOpenAt(rules, at);
	for (const edge of [...new Set(edges)].sort((a, b) => a - b)) {
		if (edge > at && isOpenAt(rules, edge) !== now) return edge;
	}
	return null;
}

// Text form -----------------------------------------------------------------------------------

const DAY_WORDS: Record<string, Weekday> = {
	一: 1,
	二: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	日: 7,
	天: 7,
	'1': 1,
	'2': 2,
	'3': 3,
	'4': 4,
	'5': 5,
	'6': 6,
	'7': 7
};
const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export type HoursError = 'hours_empty' | 'hours_bad_days' | 'hours_bad_time' | 'hours_too_long';

function parseDays(text: string): Weekday[] | null {
	const t = text.replace(/\s+/g, '');
	if (t === '每天' || t === '每日' || t === '天天') return [...WEEKDAYS];
	if (t === '工作日') return [1, 2, 3, 4, 5];
	if (t === '周末') return [6, 7];
	const days = new Set<Weekday>();
	for (const part of t.split(/[、,，/]/)) {
		const range =
			/^(?:周|星期)?([一二三四五六日天1-7])(?:(?:至|到|-|~|－|—|–)(?:周|星期)?([一二三四五六日天1-7]))?$/.exec(
				part
			);
		if (!range) return null;
		const from = DAY_WORDS[range[1]!]!;
		const to = range[2] ? DAY_WORDS[range[2]]! : from;
		// 周五至周一 wraps over the weekend.
		for (let d: Weekday = from; ; d = d === 7 ? 1 : ((d + 1) as Weekday)) {
			days.add(d);
			if (d === to) break;
		}
	}
	return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

function parseTime(text: string, allow24: boolean): number | null {
	const m = /^(\d{1,2})[:：](\d{2})$/.exec(text);
	if (!m) return null;
	const h = Number(m[1]);
	const min = Number(m[2]);
	if (min > 59) return null;
	if (h === 24 && min === 0 && allow24) return DAY_MIN;
	return h <= 23 ? h * 60 + min : null;
}

/** Parses the text form; an error code names what a person must fix. */
export function parseHours(
	text: string
): { ok: true; rules: HoursRule[] } | { ok: false; error: HoursError } {
	const src = text.trim();
	if (src.length === 0) return { ok: false, error: 'hours_empty' };
	if (src.length > 200) return { ok: false, error: 'hours_too_long' };
	if (/^(全天|24\s*小时|全天开放)$/.test(src)) {
		return { ok: true, rules: [{ days: [...WEEKDAYS], open: 0, close: DAY_MIN }] };
	}
	const rules: HoursRule[] = [];
	for (const chunk of src.split(/[;；\n]/)) {
		const part = chunk.trim();
		if (!part) continue;
		const m =
			/^(.*?)\s*(\d{1,2}[:：]\d{2})\s*(?:-|~|～|〜|－|—|–|至|到)\s*(次日|第二天)?\s*(\d{1,2}[:：]\d{2})$/.exec(
				part
			);
		if (!m) {
			// A day with "全天" and no times.
			const whole = /^(.*?)\s*全天$/.exec(part);
			const days = whole ? parseDays(whole[1]!) : null;
			if (!whole) return { ok: false, error: 'hours_bad_time' };
			if (!days) return { ok: false, error: 'hours_bad_days' };
			rules.push({ days, open: 0, close: DAY_MIN });
			continue;
		}
		const days = m[1]!.trim() === '' ? [...WEEKDAYS] : parseDays(m[1]!);
		if (!days) return { ok: false, error: 'hours_bad_days' };
		const open = parseTime(m[2]!, false);
		const close = parseTime(m[4]!, true);
		if (open === null || close === null) return { ok: false, error: 'hours_bad_time' };
		// "22:00-06:00" plainly runs over midnight, with or without 次日; "xx:xx-00:00" ends at
		// midnight. "次日" on a range that ends the same day, or an empty range, is a typo.
		const overnight = close !== 0 && close <= open;
		if (m[3] && !overnight && close !== 0) return { ok: false, error: 'hours_bad_time' };
		if (!m[3] && close === open) return { ok: false, error: 'hours_bad_time' };
		rules.push({ days, open, close: close === 0 ? DAY_MIN : close });
	}
	return rules.length > 0 ? { ok: true, rules } : { ok: false, error: 'hours_empty' };
}

function hhmm(min: number): string {
	return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** 周一至周五 / 周六、周日 / 每天: runs of three or more days read as a range. */
export function formatDays(days: readonly Weekday[]): string {
	const sorted = [...new Set(days)].sort((a, b) => a - b);
	if (sorted.length === 7) return '每天';
	const runs: Weekday[][] = [];
	for (const d of sorted) {
		const last = runs.at(-1);
		if (last && last.at(-1) === d - 1) last.push(d);
		else runs.push([d]);
	}
	return runs
		.map((run) =>
			run.length >= 3
				? `${DAY_NAMES[run[0]!]}至${DAY_NAMES[run.at(-1)!]}`
				: run.map((d) => DAY_NAMES[d]).join('、')
		)
		.join('、');
}

/** The canonical text form; parseHours(formatHours(r)) gives r back. */
export function formatHours(rules: readonly HoursRule[]): string {
	if (rules.length === 1 && rules[0]!.days.length === 7 && length(rules[0]!) === DAY_MIN) {
		return '全天';
	}
	return rules
		.map((r) => {
			const days = formatDays(r.days);
			if (r.open === 0 && r.close === DAY_MIN) return `${days} 全天`;
			const close = r.close > r.open ? hhmm(r.close) : `次日${hhmm(r.close)}`;
			return `${days} ${hhmm(r.open)}-${close}`;
		})
		.join('；');
}
