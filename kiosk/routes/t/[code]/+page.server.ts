import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { normalizeCode } from '$shared/domain/codes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { CodeSchema, RatingSchema } from '$shared/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

function codeOf(params: { code: string }): string | null {
	const code = normalizeCode(params.code);
	return v.is(CodeSchema, code) ? code : null;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const code = codeOf(params);
	return { code, view: code ? await locals.hub.tracking.view(code) : null };
};

export const actions = {
	rate: async ({ params, locals, request }) => {
		const code = codeOf(params);
		if (!code) return fail(404, { error: ErrorCode.notFound as string, stars: 0 });
		const form = await request.formData();
		const parsed = v.safeParse(RatingSchema, {
			stars: Number(form.get('stars') ?? 0),
			comment: String(form.get('comment') ?? '')
		});
		if (!parsed.success)
			return fail(400, { error: parsed.issues[0]?.message ?? 'generic', stars: 0 });
		const r = await locals.hub.tracking.rate(code, parsed.output);
		if (!r.ok)
			return fail(r.error === ErrorCode.notFound ? 404 : 409, {
				error: r.error as string,
				stars: 0
			});
		return { error: null, stars: parsed.output.stars };
	}
} satisfies Actions;
