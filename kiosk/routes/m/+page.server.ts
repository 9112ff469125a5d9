import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { ErrorCode } from '$shared/errors.ts';
import { SignInSchema } from '$shared/schemas/members.ts';
import { minutesUntil } from '$lib/server/limits.ts';
import {
	clearSessionCookie,
	safeRedirect,
	sessionToken,
	setSessionCookie
} from '$lib/server/session.ts';
import { byUrgency } from '$lib/visit-format.ts';
import { visitHousehold } from '$lib/visit-server.ts';
import type { Actions, PageServerLoad } from './$types';

interface SignInRefusal {
	minutes: number | null;
	attemptsLeft: number | null;
}

export const load: PageServerLoad = async ({ locals, cookies, url }) => {
	const next = safeRedirect(url.searchParams.get('redirect'), '');
	if (!locals.member) return { signedIn: false as const, next };
	// Signed in already and sent here on the way to a wish: go straight on.
	if (next) redirect(303, next);
	const mine = await locals.hub.claims.mine(sessionToken(cookies));
	if (!mine) return { signedIn: false as const, next };
	// 结对帮扶: the households paired with this member (none for a field worker).
	const paired = await locals.hub.pairing.myHouseholds(sessionToken(cookies));
	// Field workers (网格员, 城市管理岗 …) sign in here too; their items are on /f.
	return {
		signedIn: true as const,
		...mine,
		households: (paired?.households ?? []).map(visitHousehold).sort(byUrgency),
		fieldWorker: locals.member.posts.length > 0
	};
};

export const actions = {
	signin: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const memberNo = String(form.get('memberNo') ?? '');
		const next = String(form.get('next') ?? '');
		const parsed = v.safeParse(SignInSchema, { memberNo, pin: String(form.get('pin') ?? '') });
		const refuse = (status: number, error: string, more: Partial<SignInRefusal> = {}) =>
			fail(status, {
				memberNo,
				error,
				minutes: more.minutes ?? null,
				attemptsLeft: more.attemptsLeft ?? null
			});
		if (!parsed.success) return refuse(400, parsed.issues[0]?.message ?? 'generic');
		const r = await locals.hub.members.signIn(
			parsed.output.memberNo,
			parsed.output.pin,
			getClientAddress()
		);
		if (!r.ok) {
			if (r.error === ErrorCode.rateLimited) {
				return refuse(429, r.error, { minutes: minutesUntil(r.retryAt) });
			}
			if (r.error === ErrorCode.locked) {
				return refuse(423, r.error, { minutes: minutesUntil(r.lockedUntil) });
			}
			if (r.error === ErrorCode.badCredentials) {
				return refuse(401, r.error, { attemptsLeft: r.attemptsLeft });
			}
			return refuse(403, r.error);
		}
		setSessionCookie(cookies, r.token, r.expiresAt, url);
		redirect(303, safeRedirect(next, '/m'));
	},

	signout: async ({ locals, cookies, url }) => {
		await locals.hub.members.signOut(sessionToken(cookies));
		clearSessionCookie(cookies, url);
		redirect(303, '/m');
	}
} satisfies Actions;
