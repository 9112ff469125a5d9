/**
 * Photos of finished work, over HTTP (never the socket):
 *  - POST /api/photos?c=<claim-code>: the member holding the wish uploads one image (the session
 *    cookie proves who); JPEG, PNG or WebP by its bytes, at most 5 MB. Answers 201 {id}.
 *  - POST /api/photos?h=<household-id>: the same for a visit, by the household's paired member.
 *  - GET /api/photos/<id>?t=<track-code>: the resident (track code) or the member who took it;
 *    a visit photo: the member who took it or staff (staff session cookie).
 *    Everyone else gets the same 404 as for a photo that does not exist.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { ErrorCode } from '../../shared/errors.ts';
import { normalizeCode } from '../../shared/domain/codes.ts';
import { MEMBER_COOKIE, STAFF_COOKIE } from '../../shared/protocol.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { PairingService } from '../services/pairing/service.ts';
import type { StaffService } from '../services/staff/service.ts';
import { CodeSchema } from '../../shared/schemas/wishes.ts';
import { PhotoIdSchema } from '../../shared/schemas/members.ts';
import { MAX_PHOTO_BYTES, type ClaimService } from '../services/claims.ts';
import { cookieValue } from './cookies.ts';
import { decodeSegment, json, readBody, TooLarge } from './util.ts';

/** The member session token from the Cookie header, if any. */
export function memberToken(req: IncomingMessage): string | null {
	return cookieValue(req.headers.cookie, MEMBER_COOKIE);
}

const STATUS: Partial<Record<string, number>> = {
	[ErrorCode.unauthorized]: 401,
	[ErrorCode.notYours]: 403,
	[ErrorCode.notFound]: 404,
	[ErrorCode.invalidPayload]: 415
};

/** Where an upload goes: a held wish (?c=<claim-code>) or a paired household's visit (?h=<id>). */
interface UploadTarget {
	check(token: string | null): Promise<Outcome<null>>;
	store(token: string | null, bytes: Uint8Array): Promise<Outcome<{ id: string }>>;
}

export function createPhotoRoutes(opts: {
	claims: ClaimService;
	pairing?: PairingService;
	staff?: StaffService;
}) {
	const { claims, pairing, staff } = opts;

	function targetOf(url: URL): UploadTarget | null {
		const household = url.searchParams.get('h');
		if (household !== null && pairing) {
			const id = Number(household);
			if (!Number.isSafeInteger(id) || id < 1) return null;
			return {
				check: (token) => pairing.checkVisitUpload(token, id),
				store: (token, bytes) => pairing.storeVisitPhoto(token, id, bytes)
			};
		}
		const code = normalizeCode(url.searchParams.get('c') ?? '');
		if (!v.is(CodeSchema, code)) return null;
		return {
			check: (token) => claims.checkUpload(token, code),
			store: (token, bytes) => claims.storePhoto(token, code, bytes)
		};
	}

	async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const token = memberToken(req);
		const target = targetOf(url);
		if (!target) {
			req.resume();
			return json(res, 404, { error: ErrorCode.notFound, message: 'no such wish' });
		}
		const may = await target.check(token);
		if (!may.ok) {
			req.resume();
			return json(res, STATUS[may.error] ?? 400, { error: may.error, message: may.message });
		}
		let body: Buffer;
		try {
			body = await readBody(req, MAX_PHOTO_BYTES);
		} catch (err) {
			if (err instanceof TooLarge)
				return json(res, 413, { error: 'photo_too_big', message: 'a photo is at most 5 MB' });
			throw err;
		}
		const r = await target.store(token, body);
		if (!r.ok) return json(res, STATUS[r.error] ?? 400, { error: r.error, message: r.message });
		json(res, 201, r.value);
	}

	async function serve(
		req: IncomingMessage,
		res: ServerResponse,
		id: string,
		url: URL
	): Promise<void> {
		const photo = v.is(PhotoIdSchema, id)
			? ((await claims.photo(id, {
					trackCode: normalizeCode(url.searchParams.get('t') ?? ''),
					token: memberToken(req)
				})) ??
				(await pairing?.visitPhoto(id, {
					token: memberToken(req),
					staff: (await staff?.session(cookieValue(req.headers.cookie, STAFF_COOKIE))) != null
				})) ??
				null)
			: null;
		if (!photo) return json(res, 404, { error: ErrorCode.notFound, message: 'no such photo' });
		res.writeHead(200, {
			'content-type': photo.mime,
			'content-length': String(photo.bytes.length),
			// A resident's home, a helper's face: never in a shared cache.
			'cache-control': 'private, max-age=86400',
			'x-content-type-options': 'nosniff'
		});
		res.end(req.method === 'HEAD' ? undefined : photo.bytes);
	}

	/** Handles /api/photos and /api/photos/<id>; returns false for any other path. */
	return function photoRoute(req: IncomingMessage, res: ServerResponse): boolean {
		const url = new URL(req.url ?? '/', 'http://hub');
		const m = /^\/api\/photos(?:\/([^/]+))?$/.exec(url.pathname);
		if (!m) return false;
		const fail = (err: unknown) => {
			console.error('photo route failed', err);
			if (!res.headersSent)
				json(res, 500, { error: ErrorCode.internal, message: 'could not handle the photo' });
			else res.destroy();
		};
		if (!m[1] && req.method === 'POST') upload(req, res, url).catch(fail);
		else if (m[1] && (req.method === 'GET' || req.method === 'HEAD'))
			serve(req, res, decodeSegment(m[1]) ?? '', url).catch(fail);
		else {
			req.resume();
			res.setHeader('allow', m[1] ? 'GET, HEAD' : 'POST');
			json(res, 405, { error: 'method', message: m[1] ? 'GET or HEAD' : 'POST' });
		}
		return true;
	};
}
