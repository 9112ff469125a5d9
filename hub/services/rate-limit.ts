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
