/**
 * Security headers for every response the hub sends, SvelteKit's included (Node merges these with
 * whatever the app writes later). The Content-Security-Policy itself comes from kit.csp in
 * svelte.config.js, so SvelteKit can add nonces to its own inline scripts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';

/**
 * Pages that show a resident's contact or staff data (the claim page to its holder, the desk,
 * field workers' and members' pages) and the resident's own track page: never kept by a browser
 * or a proxy, so the back button of a shared phone or a cache cannot show them to someone else.
 */
const PRIVATE_PAGES = /^\/(c\/|t\/|desk(\/|$)|f(\/|$)|m(\/|$))/;

export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	// Claim and track codes are in paths: never leak them to another site through Referer. Not
	// 'no-referrer': with it browsers send "Origin: null" on same-site POSTs, and SvelteKit's CSRF
	// check then refuses every form action (desk and member sign-in).
	res.setHeader('Referrer-Policy', 'same-origin');
	res.setHeader('X-Frame-Options', 'SAMEORIGIN');
	// The kiosk records voice; a field worker's phone (/f) may give its location at 已到场. Only this
	// origin's pages, never an embedded one, may ask for either.
	res.setHeader('Permissions-Policy', 'microphone=(self), camera=(self), geolocation=(self)');
	if (PRIVATE_PAGES.test(req.url ?? '/')) res.setHeader('Cache-Control', 'no-store');
	if (req.socket instanceof TLSSocket) {
		res.setHeader('Strict-Transport-Security', 'max-age=31536000');
	}
}
