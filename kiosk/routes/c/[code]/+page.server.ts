import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { normalizeCode } from '$shared/domain/codes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { CodeSchema } from '$shared/schemas/wishes.ts';
import {
	PhotoIdSchema,
	ProgressNoteSchema,
	ReleaseReasonSchema,
	ResolveNoteSchema
} from '$shared/schemas/members.ts';
import { minutesUntil } from '$lib/server/limits.ts';
import { sessionToken } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const HTTP_STATUS: Partial<Record<string, number>> = {
	[ErrorCode.unauthorized]: 401,
	[ErrorCode.notYours]: 403,
	[ErrorCode.forbidden]: 403,
	[ErrorCode.notFound]: 404,
	[ErrorCode.alreadyClaimed]: 409,
	[ErrorCode.forbiddenTransition]: 409,
	[ErrorCode.conflict]: 409
};

/** What a refused action tells the page: a reason code (and, for a lost race, the winner). */
function refused(action: string, error: string, name: string | null = null) {
	return fail(HTTP_STATUS[error] ?? 400, { action, error, name });
}

function codeOf(params: { code: string }): string | null {
	const code = normalizeCode(params.code);
	return v.is(CodeSchema, code) ? code : null;
}

export const load: PageServerLoad = async ({ params, locals, cookies, getClientAddress }) => {
	const code = codeOf(params);
	const r = code
		? await locals.hub.claims.visit(getClientAddress(), code, sessionToken(cookies))
		: null;
	if (r && !r.ok && r.error === ErrorCode.rateLimited) {
		error(429, { message: 'too many look-ups', minutes: minutesUntil(Number(r.message)) });
	}
	return { view: r?.ok ? r.value : null, signedIn: locals.member !== null };
};

/** A field checked with its shared schema; the first issue's message is the reason code. */
function field<S extends v.GenericSchema<string, string>>(
	schema: S,
	value: FormDataEntryValue | null
) {
	const r = v.safeParse(schema, typeof value === 'string' ? value : '');
	return r.success
		? { ok: true as const, value: r.output }
		: { ok: false as const, error: r.issues[0]?.message ?? 'generic' };
}

async function step(event: RequestEvent, which: 'contact' | 'start' | 'resolve') {
	const code = codeOf(event.params);
	if (!code) return refused(which, ErrorCode.notFound);
	const form = await event.request.formData();
	const note = field(
		which === 'resolve' ? ResolveNoteSchema : ProgressNoteSchema,
		form.get('note')
	);
	if (!note.ok) return refused(which, note.error);
	const rawPhoto = form.get('photoId');
	let photoId: string | null = null;
	if (typeof rawPhoto === 'string' && rawPhoto !== '') {
		const p = field(PhotoIdSchema, rawPhoto);
		if (!p.ok) return refused(which, p.error);
		photoId = p.value;
	}
	const r = await event.locals.hub.claims.progress(
		sessionToken(event.cookies),
		code,
		which,
		note.value,
		photoId
	);
	return r.ok ? { action: which, error: null, name: null } : refused(which, r.error);
}

export const actions = {
	claim: async ({ params, locals, cookies }) => {
		const code = codeOf(params);
		if (!code) return refused('claim', ErrorCode.notFound);
		const r = await locals.hub.claims.claim(sessionToken(cookies), code);
		if (r.ok) return { action: 'claim', error: null, name: null };
		return refused('claim', r.error, r.error === ErrorCode.alreadyClaimed ? r.message : null);
	},
	contact: (event) => step(event, 'contact'),
	start: (event) => step(event, 'start'),
	resolve: (event) => step(event, 'resolve'),
	release: async ({ params, locals, cookies, request }) => {
		const code = codeOf(params);
		if (!code) return refused('release', ErrorCode.notFound);
		const reason = field(ReleaseReasonSchema, (await request.formData()).get('reason'));
		if (!reason.ok) return refused('release', reason.error);
		const r = await locals.hub.claims.release(sessionToken(cookies), code, reason.value);
		return r.ok ? { action: 'release', error: null, name: null } : refused('release', r.error);
	}
} satisfies Actions;
