/** Small numeric helpers for latency samples (milliseconds) and rates. */

export interface Spread {
	n: number;
	p50: number;
	p99: number;
	max: number;
}

/** Nearest-rank percentile of an unsorted sample; NaN for an empty one. */
export function percentile(sample: readonly number[], p: number): number {
	if (sample.length === 0) return NaN;
	const sorted = [...sample].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function spread(sample: readonly number[]): Spread {
	if (sample.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
	const sorted = [...sample].sort((a, b) => a - b);
	const at = (p: number) =>
		sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
	return {
		n: sorted.length,
		p50: round(at(0.5)),
		p99: round(at(0.99)),
		max: round(sorted.at(-1)!)
	};
}

/** Rounds to one decimal: the figures are ms, KB or per-second rates, never finer. */
export function round(x: number, digits = 1): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with fn()'s value, or rejects after ms with `what` in the message. */
export function within<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
		fn().then(
			(v) => {
				clearTimeout(timer);
				resolve(v);
			},
			(e: unknown) => {
				clearTimeout(timer);
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		);
	});
}
