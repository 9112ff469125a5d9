/** Desk formatting: times in Asia/Shanghai, SLA clocks in words, rates and hours. */
import { durationParts, type SlaClock } from '$shared/domain/sla.ts';
import { fill, t } from '$lib/i18n/index.ts';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});
const fullDateTime = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** "03/05 14:20" in Shanghai time. */
export function shortTime(at: number | null): string {
	return at === null ? '—' : dateTime.format(at);
}

/** "2024/03/05 14:20" in Shanghai time (CSV, audit). */
export function longTime(at: number | null): string {
	return at === null ? '' : fullDateTime.format(at);
}

/** "2天3小时", "45分": the two largest units, for a glance. */
export function duration(ms: number): string {
	const c = t().desk.clock;
	const { days, hours, minutes } = durationParts(ms);
	if (days > 0) return fill(c.days, { n: days }) + (hours ? fill(c.hours, { n: hours }) : '');
	if (hours > 0)
		return fill(c.hours, { n: hours }) + (minutes ? fill(c.minutes, { n: minutes }) : '');
	return minutes > 0 ? fill(c.minutes, { n: minutes }) : c.underMinute;
}

/** "还剩 3小时20分" / "超时 2天1小时" / "已办结". */
export function clockWords(clock: SlaClock): string {
	const c = t().desk.clock;
	if (clock.phase === 'done') return c.done;
	if (clock.remainingMs === null) return c.none;
	return fill(clock.remainingMs < 0 ? c.overdue : c.left, { t: duration(clock.remainingMs) });
}

export function percent(rate: number | null): string {
	return rate === null ? t().desk.figures.noValue : `${(rate * 100).toFixed(1)}%`;
}

export function hours(ms: number | null): string {
	return ms === null ? t().desk.figures.noValue : (ms / 3600_000).toFixed(1);
}

/** A hub error code (or a schema issue code inside its message) as a sentence for staff. */
export function deskError(error: string, message?: string, issues?: string[]): string {
	const errors = t().desk.errors;
	for (const issue of issues ?? []) {
		const code = issue.split(': ').pop() ?? '';
		if (errors[code]) return errors[code];
	}
	if (message && errors[message]) return errors[message];
	return errors[error] ?? errors.generic!;
}

/** Whole minutes, for times counted in minutes (a post accepting a report). */
export function minutes(ms: number | null): string {
	return ms === null ? t().desk.figures.noValue : String(Math.round(ms / 60_000));
}
