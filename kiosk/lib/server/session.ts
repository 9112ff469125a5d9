/**
 * The member session cookie: HttpOnly (page scripts never see it), SameSite=Lax (other sites
 * cannot post with it), Secure whenever the page came over HTTPS, for 30 days.
 */
import type { Cookies } from '@sveltejs/kit';
import { MEMBER_COOKIE } from '$shared/protocol.ts';

export function sessionToken(cookies: Cookies): string | null {
	return cookies.get(MEMBER_COOKIE) ?? null;
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: number,
	url: URL
): void {
	cookies.set(MEMBER_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(MEMBER_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/**
 * Where to go after signing in: only a path on this site (never "//evil.example" or a full URL),
 * so a crafted link cannot send a member's phone elsewhere.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/m'): string {
	if (!target || target.length > 200) return fallback;
	if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return fallback;
	try {
		const u = new URL(target, 'http://local.invalid');
		return u.origin === 'http://local.invalid' ? u.pathname + u.search : fallback;
	} catch {
		return fallback;
	}
}
