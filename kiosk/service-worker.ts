/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The kiosk's app shell, cached so a kiosk that reboots while the hub is unreachable still opens
 * and still takes wishes (DESIGN.md §7). Only the app's own files and the kiosk pages are cached:
 * nothing private (voice, photos, member and desk pages) ever lands in the cache.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `wishwall-${version}`;
const ASSETS = new Set([...build, ...files]);
/** Pages that work from the cache: the touchscreen itself. */
const SHELL_PAGES = /^\/kiosk\/[\w-]+\/?$/;
/** How long a kiosk waits for the hub before it opens from the cache instead. */
const NETWORK_TIMEOUT_MS = 4_000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

/**
 * The page that installed this worker was loaded before the worker existed, so its own address is
 * not cached yet: fetch it now, or a kiosk that reboots offline soon after would not open.
 */
async function rememberOpenKioskPages(): Promise<void> {
	const cache = await caches.open(CACHE);
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	await Promise.all(
		windows.map(async (client) => {
			const url = new URL(client.url);
			if (!SHELL_PAGES.test(url.pathname)) return;
			const response = await fetch(url.pathname, { credentials: 'same-origin' }).catch(() => null);
			if (response?.ok) await cache.put(url.origin + url.pathname, response);
		})
	);
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
			.then(() => rememberOpenKioskPages())
	);
});

function withTimeout(request: Request): Promise<Response> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
		fetch(request).then(
			(r) => {
				clearTimeout(timer);
				resolve(r);
			},
			(err: unknown) => {
				clearTimeout(timer);
				reject(err instanceof Error ? err : new Error(String(err)));
			}
		);
	});
}

async function shellPage(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	const key = url.origin + url.pathname;
	try {
		const response = await withTimeout(request);
		if (response.ok) await cache.put(key, response.clone());
		return response;
	} catch {
		const cached = await cache.match(key);
		if (cached) return cached;
		throw new Error('offline and this kiosk page was never opened before');
	}
}

async function asset(url: URL, request: Request): Promise<Response> {
	const cached = await caches.match(url.pathname);
	return cached ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(asset(url, request));
	} else if (request.mode === 'navigate' && SHELL_PAGES.test(url.pathname)) {
		event.respondWith(shellPage(request, url));
	}
	// Everything else (socket, uploads, private pages) goes to the network untouched.
});
