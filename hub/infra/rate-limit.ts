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

/**
 * Failed attempts per key in a fixed window (sign-ins, code look-ups from one address). Each
 * attempt is counted before it runs, so parallel guesses cannot all slip past the check, and is
 * given back when it succeeds: only failures add up. A null rate means no limit.
 */
export function failureLimiter(rate: Rate | null, now: () => number = Date.now) {
	const windows = new Map<string, { start: number; count: number }>();

	function current(key: string, t: number) {
		const w = windows.get(key);
		return w && t - w.start < rate!.perMs ? w : null;
	}

	function sweep(t: number) {
		if (windows.size <= 10_000) return;
		for (const [key, w] of windows) if (t - w.start >= rate!.perMs) windows.delete(key);
		// Still full: an attacker with very many addresses; forgetting everyone is the lesser harm.
		if (windows.size > 10_000) windows.clear();
	}

	return {
		/** Counts one attempt of `key`: null when it may go on, else when the key may try again. */
		begin(key: string): number | null {
			if (!rate) return null;
			const t = now();
			let w = current(key, t);
			if (!w) {
				sweep(t);
				w = { start: t, count: 0 };
				windows.set(key, w);
			}
			if (w.count >= rate.count) return w.start + rate.perMs;
			w.count += 1;
			return null;
		},
		/** The attempt begun for `key` succeeded: it does not count against the key. */
		succeeded(key: string): void {
			if (!rate) return;
			const w = current(key, now());
			if (w && w.count > 0) w.count -= 1;
		}
	};
}

export type FailureLimiter = ReturnType<typeof failureLimiter>;

/**
 * The key an address is limited by. One IPv6 host usually holds a whole /64, so that is the
 * unit; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address it carries.
 */
export function addressKey(address: string): string {
	const a = address.trim().toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
	if (mapped) return mapped[1]!;
	if (!a.includes(':')) return a;
	const [head = '', tail = ''] = a.split('%')[0]!.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = a.includes('::')
		? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
