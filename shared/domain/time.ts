/** China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Calendar year in Asia/Shanghai for an instant. */
export function shanghaiYear(at: number): number {
	return new Date(at + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The instant 1 January 00:00 Asia/Shanghai of a year begins. */
export function shanghaiYearStart(year: number): number {
	return Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS;
}

/** "3 小时前"-style age; the caller's catalogue supplies the words. */
export function ageParts(
	from: number,
	now: number
): { unit: 'now' | 'minute' | 'hour' | 'day'; n: number } {
	const s = Math.max(0, Math.floor((now - from) / 1000));
	if (s < 60) return { unit: 'now', n: 0 };
	if (s < 3600) return { unit: 'minute', n: Math.floor(s / 60) };
	if (s < 86400) return { unit: 'hour', n: Math.floor(s / 3600) };
	return { unit: 'day', n: Math.floor(s / 86400) };
}
