/** Small numeric helpers for latency samples (milliseconds) and rates. */

export interface Spread {
	n: number;
	p50: number;
	p99: number;
	max: number;
}

/** Nearest-rank value below which `share` (0–1] of an ascending sample lies. */
export function nearestRank(sorted: readonly number[], share: number): number {
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length))) - 1]!;
}

export function spread(sample: readonly number[]): Spread {
	if (sample.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
	const sorted = [...sample].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: round(nearestRank(sorted, 0.5)),
		p99: round(nearestRank(sorted, 0.99)),
		max: round(sorted.at(-1)!)
	};
}

/** Rounds to one decimal: the figures are ms, KB or per-second rates, never finer. */
export function round(x: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
