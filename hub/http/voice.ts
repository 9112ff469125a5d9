/**
 * Voice clips over HTTP (never the socket): PUT /api/voice/<wish-id> stores a clip, GET/HEAD
 * plays it. Clips live in <data>/voice/<wish-id>.webm|.ogg, written atomically (temp + rename).
 *
 * Upload is idempotent by wish id (the first stored clip wins; a resend answers 200) and works
 * before or after the wish row exists, because a kiosk may send either first:
 *  - a kiosk authenticates with its device token; if the row exists it must be that kiosk's;
 *  - a phone (no token) may upload only for a phone wish that exists, declared a clip, has none
 *    yet and arrived within the last 15 minutes.
 * Listening needs the device token of a kiosk at the wish's site, or the wish's claim or track
 * code (`?code=`), which is what the member's claim page and the resident's track page hold.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as v from 'valibot';
import { normalizeCode } from '../../shared/domain/codes.ts';
import { VOICE_MIME_TYPES, WishIdSchema } from '../../shared/schemas/wishes.ts';
import type { Store } from '../store/store.ts';
import { type VoiceWishRow } from '../store/voice.ts';
import type { KioskService } from '../services/kiosks.ts';
import { VOICE_DIR } from '../services/orphans.ts';
import { DEFAULT_CLIP_LIMITS, type ClipLimits } from '../config.ts';
import { rateLimiter, tokenBucket } from '../infra/rate-limit.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { clientIp, decodeSegment, json, readBody, TooLarge } from './util.ts';

export const MAX_CLIP_BYTES = 2 * 1024 * 1024;
const PHONE_UPLOAD_WINDOW_MS = 15 * 60_000;

type VoiceMime = (typeof VOICE_MIME_TYPES)[number];
const EXT: Record<VoiceMime, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg' };

/** The container's own first bytes, so a mislabelled upload is refused. */
export function sniffAudio(bytes: Uint8Array): VoiceMime | null {
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
		return 'audio/webm';
	if (bytes[0] === 0x4f && bytes[1] === 0x67 && bytes[2] === 0x67 && bytes[3] === 0x53)
		return 'audio/ogg';
	return null;
}

export interface VoiceRoutesOptions {
	store: Store;
	kiosks: KioskService;
	dataDir: string;
	now?: () => number;
	/** Phone uploads per IP per window. */
	phoneLimit?: { max: number; windowMs: number };
	/** Each kiosk's uploads (count and bytes), however many of its wishes arrive. */
	kioskLimits?: ClipLimits;
}

function tooMany(req: IncomingMessage, res: ServerResponse, message: string): void {
	req.resume();
	json(res, 429, { error: ErrorCode.rateLimited, message });
}

export function createVoiceRoutes(opts: VoiceRoutesOptions) {
	const dir = join(opts.dataDir, VOICE_DIR);
	const now = opts.now ?? Date.now;
	const phoneLimiter = rateLimiter(opts.phoneLimit ?? { max: 20, windowMs: 10 * 60_000 });
	const kioskLimits = opts.kioskLimits ?? DEFAULT_CLIP_LIMITS;
	const kioskCount = tokenBucket(kioskLimits.count, now);
	const kioskBytes = tokenBucket(kioskLimits.bytes, now);

	function fileFor(id: string): { path: string; mime: VoiceMime } | null {
		for (const mime of VOICE_MIME_TYPES) {
			const path = join(dir, `${id}.${EXT[mime]}`);
			if (existsSync(path)) return { path, mime };
		}
		return null;
	}

	async function kioskOf(req: IncomingMessage) {
		const m = /^Bearer\s+([\w-]{16,128})$/.exec(req.headers.authorization ?? '');
		return m?.[1] ? opts.kiosks.authenticate(m[1]) : null;
	}

	async function put(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
		const kiosk = await kioskOf(req);
		if (req.headers.authorization && !kiosk)
			return json(res, 401, { error: 'unauthorized', message: 'unknown or revoked device token' });
		const row = await opts.store.voice.voiceWish(id);
		if (kiosk) {
			if (row && row.kiosk_id !== kiosk.kiosk.id)
				return json(res, 403, { error: 'forbidden', message: 'the wish belongs to another kiosk' });
			if (!kioskCount.take(String(kiosk.kiosk.id)))
				return tooMany(req, res, 'too many clips from this kiosk this hour');
		} else {
			if (!phoneLimiter.take(clientIp(req)))
				return json(res, 429, { error: 'rate_limited', message: 'too many uploads' });
			if (!row || row.channel !== 'phone')
				return json(res, 403, { error: 'forbidden', message: 'a device token is required' });
			if (row.voice_ms === null || now() - row.received_at > PHONE_UPLOAD_WINDOW_MS)
				return json(res, 403, { error: 'forbidden', message: 'this wish takes no clip now' });
		}
		const declared = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
		if (!(VOICE_MIME_TYPES as readonly string[]).includes(declared))
			return json(res, 415, { error: 'bad_voice_type', message: 'send audio/webm or audio/ogg' });
		if (row?.voice_mime && row.voice_mime !== declared)
			return json(res, 415, { error: 'bad_voice_type', message: 'not the type the wish declared' });

		let body: Buffer;
		try {
			body = await readBody(req, MAX_CLIP_BYTES);
		} catch (err) {
			if (err instanceof TooLarge)
				return json(res, 413, { error: 'too_large', message: 'a clip is at most 2 MB' });
			throw err;
		}
		if (body.length === 0) return json(res, 400, { error: 'empty', message: 'no audio' });
		if (kiosk && !kioskBytes.take(String(kiosk.kiosk.id), body.length))
			return tooMany(req, res, 'too many bytes of clips from this kiosk this hour');
		if (sniffAudio(body) !== declared)
			return json(res, 415, {
				error: 'bad_voice_type',
				message: 'the bytes are not that audio type'
			});

		if (fileFor(id)) return json(res, 200, { id, stored: false });
		await mkdir(dir, { recursive: true });
		const final = join(dir, `${id}.${EXT[declared as VoiceMime]}`);
		const temp = `${final}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
		await writeFile(temp, body);
		await rename(temp, final);
		json(res, 201, { id, stored: true, bytes: body.length });
	}

	async function mayListen(req: IncomingMessage, row: VoiceWishRow, url: URL): Promise<boolean> {
		const code = url.searchParams.get('code');
		if (code) {
			const c = normalizeCode(code);
			if (c === row.claim_code || c === row.track_code) return true;
		}
		const kiosk = await kioskOf(req);
		return kiosk !== null && kiosk.site.id === row.site_id;
	}

	async function get(
		req: IncomingMessage,
		res: ServerResponse,
		id: string,
		url: URL
	): Promise<void> {
		const row = await opts.store.voice.voiceWish(id);
		const file = fileFor(id);
		if (!row || !file || !(await mayListen(req, row, url)))
			// One answer for "no such clip" and "not yours": ids cannot be probed.
			return json(res, 404, { error: 'not_found', message: 'no such clip' });
		const size = (await stat(file.path)).size;
		res.writeHead(200, {
			'content-type': file.mime,
			'content-length': String(size),
			// Residents' voices: never in a shared cache.
			'cache-control': 'private, max-age=3600',
			'x-content-type-options': 'nosniff'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		createReadStream(file.path).pipe(res);
	}

	/** Handles /api/voice/<id>; returns false for any other path. */
	return function voiceRoute(req: IncomingMessage, res: ServerResponse): boolean {
		const url = new URL(req.url ?? '/', 'http://hub');
		const m = /^\/api\/voice\/([^/]+)$/.exec(url.pathname);
		if (!m) return false;
		const id = decodeSegment(m[1]!);
		const fail = (err: unknown) => {
			console.error('voice route failed', err);
			if (!res.headersSent)
				json(res, 500, { error: 'internal', message: 'could not handle the clip' });
			else res.destroy();
		};
		if (id === null || !v.is(WishIdSchema, id)) {
			json(res, 404, { error: 'not_found', message: 'no such clip' });
			return true;
		}
		if (req.method === 'PUT') put(req, res, id).catch(fail);
		else if (req.method === 'GET' || req.method === 'HEAD') get(req, res, id, url).catch(fail);
		else {
			res.setHeader('allow', 'GET, HEAD, PUT');
			json(res, 405, { error: 'method', message: 'GET, HEAD or PUT' });
		}
		return true;
	};
}
