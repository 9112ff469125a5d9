/** Small helpers for the hub's own HTTP routes (outside SvelteKit). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function json(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store'
	});
	res.end(JSON.stringify(body));
}

export class TooLarge extends Error {}

/** Reads a request body, refusing (TooLarge) as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? '0');
	if (declared > limit) {
		req.resume();
		return Promise.reject(new TooLarge());
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.removeAllListeners('data');
				req.resume();
				reject(new TooLarge());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The caller's address (the socket's; a reverse proxy in front must be trusted explicitly). */
export function clientIp(req: IncomingMessage): string {
	return req.socket.remoteAddress ?? 'unknown';
}

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
