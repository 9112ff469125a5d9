/**
 * The kiosk's device cookie: the same token the socket presents, kept so the server can draw the
 * wall with the page (the wall paints with the HTML on a slow kiosk, not after its code, socket
 * and catch-up). HttpOnly (page scripts never see it), SameSite=Strict and scoped to the kiosk's
 * own page, Secure whenever the page came over HTTPS. A kiosk runs for years: 400 days, renewed
 * on every load of its page.
 */
import type { Cookies } from '@sveltejs/kit';
import { DEVICE_COOKIE } from '$shared/protocol.ts';
import type { KioskHello, SyncResponse } from '$shared/schemas/wishes.ts';
import { deviceTag } from '$lib/device.ts';

const MAX_AGE_S = 400 * 24 * 3600;

const options = (site: string, url: URL) => ({
	path: `/kiosk/${site}`,
	httpOnly: true,
	sameSite: 'strict' as const,
	secure: url.protocol === 'https:'
});

export function setDeviceCookie(cookies: Cookies, site: string, token: string, url: URL): void {
	cookies.set(DEVICE_COOKIE, token, { ...options(site, url), maxAge: MAX_AGE_S });
}

/** What the server draws the wall from: the hello and the snapshot the socket would send. */
export interface WallSeed {
	hello: KioskHello;
	sync: SyncResponse;
	/** deviceTag of the cookie's token: the page uses the seed only when it holds the same token. */
	tag: string;
}

/**
 * The wall of the kiosk whose cookie came with the request, or null (no cookie, a revoked or
 * unknown token, or a kiosk of another site: then the cookie is dropped).
 */
export async function wallSeed(
	cookies: Cookies,
	site: string,
	url: URL,
	hub: App.Locals['hub']
): Promise<WallSeed | null> {
	const token = cookies.get(DEVICE_COOKIE);
	if (!token) return null;
	const found = await hub.kiosks.authenticate(token);
	if (!found || found.site.slug !== site) {
		cookies.delete(DEVICE_COOKIE, options(site, url));
		return null;
	}
	setDeviceCookie(cookies, site, token, url);
	const [hello, sync] = await Promise.all([
		hub.kiosks.hello(found.kiosk.id),
		hub.wishes.sync(found.site.id, 0)
	]);
	return { hello, sync, tag: deviceTag(token) };
}
