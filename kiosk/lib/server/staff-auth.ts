/**
 * Desk staff on the SvelteKit side: the session cookie, who is signed in (resolved once per request
 * by hooks.server.ts), and the gate every /desk request passes before any load or form action
 * runs. The hub's services check the role again for every change.
 */
import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { STAFF_COOKIE } from '$shared/protocol.ts';
import type { StaffPrincipal, StaffRole } from '$shared/schemas/desk.ts';

export function staffToken(cookies: Cookies): string | null {
	return cookies.get(STAFF_COOKIE) ?? null;
}

/** HttpOnly (page scripts never see it), SameSite=Lax, Secure whenever the page came over HTTPS. */
export function setStaffCookie(cookies: Cookies, token: string, expiresAt: number, url: URL): void {
	cookies.set(STAFF_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearStaffCookie(cookies: Cookies, url: URL): void {
	cookies.delete(STAFF_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

export async function currentStaff(event: RequestEvent): Promise<StaffPrincipal | null> {
	const token = staffToken(event.cookies);
	return token ? event.locals.hub.staff.session(token) : null;
}

/** Desk paths anyone may open: the sign-in page and a kiosk redeeming its enrolment code. */
function isPublic(path: string): boolean {
	return path === '/desk/login' || path.startsWith('/desk/enrol/');
}

/**
 * The server-side gate for /desk: signed in for everything, admin for /desk/admin, and a new
 * password first when the current one was set by someone else. Pages and actions alike pass here.
 */
export function deskGate(event: RequestEvent): void {
	const path = event.url.pathname;
	if (path !== '/desk' && !path.startsWith('/desk/')) return;
	if (isPublic(path)) return;
	const staff = event.locals.staff;
	if (!staff) {
		if (event.request.method === 'GET' && !path.includes('/export')) {
			redirect(303, `/desk/login?next=${encodeURIComponent(path + event.url.search)}`);
		}
		error(401, 'sign in first');
	}
	if (staff.mustChangePassword && path !== '/desk/password' && path !== '/desk/logout') {
		if (event.request.method === 'GET') redirect(303, '/desk/password');
		error(403, 'choose a new password first');
	}
	if ((path === '/desk/admin' || path.startsWith('/desk/admin/')) && staff.role !== 'admin') {
		error(403, 'admins only');
	}
}

/** For loads and actions: the signed-in staff member with at least this role, or a 401/403. */
export function requireStaff(locals: App.Locals, role: StaffRole = 'dispatcher'): StaffPrincipal {
	const staff = locals.staff;
	if (!staff) error(401, 'sign in first');
	if (role === 'admin' && staff.role !== 'admin') error(403, 'admins only');
	return staff;
}

/** Where to go after signing in: a /desk path on this site only, never another origin. */
export function deskRedirect(target: string | null): string {
	if (!target || target.length > 300 || !target.startsWith('/desk') || target.includes('\\')) {
		return '/desk';
	}
	try {
		const u = new URL(target, 'http://local.invalid');
		return u.origin === 'http://local.invalid' && u.pathname.startsWith('/desk')
			? u.pathname + u.search
			: '/desk';
	} catch {
		return '/desk';
	}
}
