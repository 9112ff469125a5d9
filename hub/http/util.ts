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

/** A percent-encoded path segment, or null when it is not valid percent-encoding (e.g. `%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/** The caller's address (the socket's; a reverse proxy in front must be trusted explicitly). */
export function clientIp(req: IncomingMessage): string {
	return req.socket.remoteAddress ?? 'unknown';
}
