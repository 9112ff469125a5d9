import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { normalizeCode } from '$shared/domain/codes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { CodeSchema } from '$shared/schemas/wishes.ts';
import { RatingSchema } from '$shared/schemas/members.ts';
import { minutesUntil } from '$lib/server/limits.ts';
import type { Actions, PageServerLoad } from './$types';

function codeOf(params: { code: string }): string | null {
	const code = normalizeCode(params.code);
	return v.is(CodeSchema, code) ? code : null;
}

const STATUS: Partial<Record<string, number>> = {
	[ErrorCode.notFound]: 404,
	[ErrorCode.rateLimited]: 429
};

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const code = codeOf(params);
	const r = code ? await locals.hub.tracking.visit(getClientAddress(), code) : null;
	if (r && !r.ok && r.error === ErrorCode.rateLimited) {
		error(429, { message: 'too many look-ups', minutes: minutesUntil(Number(r.message)) });
	}
	return { code, view: r?.ok ? r.value : null };
};

export const actions = {
	rate: async ({ params, locals, request, getClientAddress }) => {
		const code = codeOf(params);
		if (!code) return fail(404, { error: ErrorCode.notFound as string, stars: 0 });
		const form = await request.formData();
		const parsed = v.safeParse(RatingSchema, {
			stars: Number(form.get('stars') ?? 0),
			comment: String(form.get('comment') ?? '')
		});
		if (!parsed.success)
			return fail(400, { error: parsed.issues[0]?.message ?? 'generic', stars: 0 });
		const r = await locals.hub.tracking.rate(code, parsed.output, getClientAddress());
		if (!r.ok)
			return fail(STATUS[r.error] ?? 409, {
				error: r.error as string,
				stars: 0
			});
		return { error: null, stars: parsed.output.stars };
	}
} satisfies Actions;
