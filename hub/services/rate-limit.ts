/** A fixed-window counter per key, in memory: enough for one hub process. */
export function rateLimiter(opts: { max: number; windowMs: number; now?: () => number }) {
	const now = opts.now ?? Date.now;
	const windows = new Map<string, { start: number; count: number }>();
	return {
		/** Counts one request for `key`; false when the key is over its limit. */
		take(key: string): boolean {
			const t = now();
			let w = windows.get(key);
			if (!w || t - w.start >= opts.windowMs) {
				if (windows.size > 10_000) windows.clear();
				w = { start: t, count: 0 };
				windows.set(key, w);
			}
			w.count += 1;
			return w.count <= opts.max;
		}
	};
}

export type RateLimiter = ReturnType<typeof rateLimiter>;

/** `count` per `perMs`: a bucket holds `count` and fills back up over `perMs`. */
export interface Rate {
	count: number;
	perMs: number;
}

/**
 * A token bucket per key, in memory. Unlike the fixed window it takes several at once (a replay
 * batch counts each wish) and never lets twice the limit through across a window edge.
 * A null rate means no limit.
 */
export function tokenBucket(rate: Rate | null, now: () => number = Date.now) {
	const buckets = new Map<string, { tokens: number; at: number }>();
	return {
		/**
		 * Takes `n` tokens for `key`, all or none; false (and nothing taken) when too few are left.
		 * More than the bucket holds passes only from a full bucket, so it is never refused forever.
		 */
		take(key: string, n = 1): boolean {
			if (!rate) return true;
			n = Math.min(n, rate.count);
			const t = now();
			if (buckets.size > 10_000) buckets.clear();
			const b = buckets.get(key) ?? { tokens: rate.count, at: t };
			// Max(0, …): a clock set back must not drain the bucket.
			const elapsed = Math.max(0, t - b.at);
			b.tokens = Math.min(rate.count, b.tokens + (elapsed * rate.count) / rate.perMs);
			b.at = t;
			buckets.set(key, b);
			if (n > b.tokens) return false;
			b.tokens -= n;
			return true;
		}
	};
}

export type TokenBucket = ReturnType<typeof tokenBucket>;
