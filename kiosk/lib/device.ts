/**
 * The kiosk's identity on this browser: its device token (handed over once in the URL fragment,
 * then kept in localStorage) and its own ticket counter.
 */
import { formatTicket } from '$shared/domain/codes.ts';

const tokenKey = (site: string) => `wishwall.device.${site}`;
const counterKey = (prefix: string) => `wishwall.ticket.${prefix}`;

/**
 * Reads "#device=<token>" from the address (and removes it, so it is not left on screen or in
 * history), or the token stored earlier for this site. fromAddress: a new enrolment.
 */
export function takeDeviceToken(site: string): { token: string; fromAddress: boolean } | null {
	const match = /(?:^|[#&])device=([\w-]+)/.exec(location.hash);
	if (match?.[1]) {
		localStorage.setItem(tokenKey(site), match[1]);
		history.replaceState(history.state, '', location.pathname + location.search);
		return { token: match[1], fromAddress: true };
	}
	const stored = localStorage.getItem(tokenKey(site));
	return stored ? { token: stored, fromAddress: false } : null;
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
