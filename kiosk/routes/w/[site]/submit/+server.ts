/**
 * POST /w/<site>/submit — a phone wish (no device token). Validated with the shared
 * PhoneWishSchema; the hub makes the id, ticket and codes and limits wishes per address.
 */
import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { issueCodes } from '$shared/schemas/issues.ts';
import { PhoneWishSchema } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import type { RequestHandler } from './$types';

const STATUS: Partial<Record<string, number>> = {
	[ErrorCode.rateLimited]: 429,
	[ErrorCode.notFound]: 404,
	[ErrorCode.conflict]: 409
};

export const POST: RequestHandler = async ({ request, params, locals, getClientAddress }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ ok: false, error: ErrorCode.invalidPayload }, { status: 400 });
	}
	const parsed = v.safeParse(PhoneWishSchema, body);
	if (!parsed.success) {
		// The first rule broken, as a code the page turns into a Chinese sentence.
		const error = parsed.issues[0]?.message ?? ErrorCode.invalidPayload;
		return json({ ok: false, error, issues: issueCodes(parsed.issues) }, { status: 400 });
	}
	const r = await locals.hub.phone.submit({
		siteSlug: params.site,
		ip: getClientAddress(),
		wish: parsed.output
	});
	if (!r.ok) return json({ ok: false, error: r.error }, { status: STATUS[r.error] ?? 503 });
	return json({ ok: true, receipt: r.value }, { status: 201 });
};
