/**
 * POST /kiosk/<site>/device — a kiosk page hands over its device token once, and gets it back as
 * an HttpOnly cookie so later loads of its page arrive with the wall drawn (lib/server/device-cookie.ts).
 * Only a token of a kiosk of this site is accepted; anything else changes nothing.
 */
import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { DeviceCookieRequestSchema } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { setDeviceCookie } from '$lib/server/device-cookie.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params, locals, cookies, url }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ ok: false, error: ErrorCode.invalidPayload }, { status: 400 });
	}
	const parsed = v.safeParse(DeviceCookieRequestSchema, body);
	if (!parsed.success) {
		return json({ ok: false, error: ErrorCode.invalidPayload }, { status: 400 });
	}
	const found = await locals.hub.kiosks.authenticate(parsed.output.token);
	if (!found || found.site.slug !== params.site) {
		return json({ ok: false, error: ErrorCode.unauthorized }, { status: 401 });
	}
	setDeviceCookie(cookies, params.site, parsed.output.token, url);
	return new Response(null, { status: 204 });
};
