/**
 * A warm station's times as a person at a Shanghai kiosk reads them (service hours, activity
 * dates, the slip's date): 14:05 · 今天 · 明天 · 12月15日 周二.
 */
import { isOpenAt, nextChange, parseHours, shanghaiClock } from '$shared/domain/hours.ts';
import type { StationService } from '$shared/schemas/stations.ts';
import { fill, t } from '$lib/i18n/index.ts';

const DAY_MS = 86_400_000;

export function hhmm(at: number): string {
	const { minute } = shanghaiClock(at);
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** 今天 / 明天 / 周三: how far a day is from now, as a word. */
function dayWord(at: number, now: number): string {
	const days = Math.round(
		(Date.parse(shanghaiClock(at).date) - Date.parse(shanghaiClock(now).date)) / DAY_MS
	);
	if (days === 0) return t().station.today;
	if (days === 1) return t().station.tomorrow;
	return `${t().station.weekdays[new Date(at + 8 * 3600_000).getUTCDay()]} `;
}

/** Whether a service is open now by its hours, and the words for when that changes. */
export function openNow(hours: string, now: number): { open: boolean; label: string } {
	const parsed = parseHours(hours);
	// Hours are checked before they are stored; unreadable ones must not hide a service.
	if (!parsed.ok) return { open: true, label: '' };
	const open = isOpenAt(parsed.rules, now);
	const next = nextChange(parsed.rules, now);
	if (next === null) return { open, label: '' };
	return open
		? { open, label: fill(t().station.openUntil, { time: hhmm(next) }) }
		: { open, label: fill(t().station.opensAt, { day: dayWord(next, now), time: hhmm(next) }) };
}

/** 12月15日 周二 09:00, for paper: a slip is read on other days than it was printed. */
export function fullDateLabel(start: number): string {
	const c = shanghaiClock(start);
	const [, m, d] = c.date.split('-').map(Number) as [number, number, number];
	return fill(t().activities.dateAt, {
		m,
		d,
		weekday: t().station.weekdays[new Date(`${c.date}T00:00:00Z`).getUTCDay()]!,
		time: hhmm(start)
	});
}

/** 今天 09:00 · 明天 16:30 · 12月15日 周二 09:00 */
export function dateLabel(start: number, now: number): string {
	const days = Math.round(
		(Date.parse(shanghaiClock(start).date) - Date.parse(shanghaiClock(now).date)) / DAY_MS
	);
	if (days === 0) return fill(t().activities.todayAt, { time: hhmm(start) });
	if (days === 1) return fill(t().activities.tomorrowAt, { time: hhmm(start) });
	return fullDateLabel(start);
}

/**
 * What a service card says: 使用中 and 暂停 are what staff saw and said just now, so they show
 * whatever the hours say; a free service outside its hours reads 未开放.
 */
export function shownState(
	service: Pick<StationService, 'state' | 'hours'>,
	now: number
): StationService['state'] | 'closed' {
	return service.state === 'available' && !openNow(service.hours, now).open
		? 'closed'
		: service.state;
}
