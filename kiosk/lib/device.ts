/**
 * The kiosk's identity on this browser: its device token (handed over once in the URL fragment,
 * then kept in localStorage) and its own ticket counter.
 */
import { formatTicket } from '$shared/domain/codes.ts';

const tokenKey = (site: string) => `wishwall.device.${site}`;
const counterKey = (prefix: string) => `wishwall.ticket.${prefix}`;

/**
 * Reads "#device=<token>" from the address (and removes it, so it is not left on screen or in
 * history), or the token stored earlier for this site.
 */
export function takeDeviceToken(site: string): string | null {
	const match = /(?:^|[#&])device=([\w-]+)/.exec(location.hash);
	if (match?.[1]) {
		localStorage.setItem(tokenKey(site), match[1]);
		history.replaceState(history.state, '', location.pathname + location.search);
		return match[1];
	}
	return localStorage.getItem(tokenKey(site));
}

/**
 * A short fingerprint of a device token (FNV-1a, 32 bits), so the page can tell whether the wall
 * the server drew from its cookie belongs to the token it holds without the page ever seeing
 * the cookie. Plain arithmetic: a kiosk on a LAN address has no crypto.subtle. Says nothing
 * useful about the token itself.
 */
export function deviceTag(token: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < token.length; i++) {
		h ^= token.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The next ticket number. The counter lives on the kiosk so tickets can be issued offline; the
 * hub's highest known counter is folded in so a wiped kiosk never reuses a number.
 */
export function nextTicket(prefix: string, hubLastTicket: number): string {
	const stored = Number(localStorage.getItem(counterKey(prefix)) ?? '0');
	const next = Math.max(Number.isFinite(stored) ? stored : 0, hubLastTicket) + 1;
	localStorage.setItem(counterKey(prefix), String(next));
	return formatTicket(prefix, next);
}

/**
 * Hands the token to the hub once, which keeps it as an HttpOnly cookie for this kiosk's page so
 * the server can draw the wall on the next load. Best effort: without it the page still works.
 */
export async function rememberDevice(site: string, token: string): Promise<void> {
	try {
		await fetch(`/kiosk/${encodeURIComponent(site)}/device`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token })
		});
	} catch {
		// Offline: the next load tries again.
	}
}
