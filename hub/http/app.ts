/** HTTP outside SvelteKit's routes: the hub's own paths, then everything else to the built app. */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setSecurityHeaders } from './headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * The protocol the hub really served a request over, set on every request it hands to SvelteKit.
 * adapter-node otherwise assumes https, so on plain http every form POST failed its same-origin
 * check (403) and cookies came out Secure. An ORIGIN or PROTOCOL_HEADER set by an operator (e.g.
 * behind a TLS-terminating proxy) still wins.
 */
const PROTO_HEADER = 'x-wishwall-proto';

/** adapter-node's handler, or null when the app has not been built (tests of the socket layer). */
export async function loadKitHandler(buildDir: string): Promise<Handler | null> {
	const file = join(buildDir, 'handler.js');
	if (!existsSync(file)) return null;
	// adapter-node reads its environment when the module loads.
	process.env.PROTOCOL_HEADER ??= PROTO_HEADER;
	const mod = (await import(pathToFileURL(file).href)) as { handler: Handler };
	return mod.handler;
}

function json(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store'
	});
	res.end(JSON.stringify(body));
}

/** A hub route outside SvelteKit (voice clips, speech): returns true when it took the request. */
export type HubRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Offers the request to each hub route. A route that throws before it answers gets a 500 here:
 * an exception escaping a 'request' listener would otherwise end the whole hub process.
 */
function takenByRoute(req: IncomingMessage, res: ServerResponse, routes: HubRoute[]): boolean {
	try {
		return routes.some((route) => route(req, res));
	} catch (err) {
		console.error('hub route failed', err);
		if (!res.headersSent) json(res, 500, { error: 'internal', message: 'could not handle this' });
		else res.destroy();
		return true;
	}
}

/** What /healthz answers. */
export interface Health {
	status: 'ok' | 'degraded';
	db: 'ok' | 'error';
	lastSeq: number | null;
	clients: number;
	uptimeSeconds: number;
	/** Bytes (process.memoryUsage): what the connected fleet costs this process. */
	memory: { heapUsed: number; rss: number };
	/** 99th percentile event-loop delay since the previous health read, in ms. */
	eventLoopP99Ms: number;
}

/** What the hub serves itself beside the app. */
export interface HubPaths {
	routes: HubRoute[];
	health(): Promise<Health>;
}

/** The hub's own paths, /api/… routes and /healthz: true when it took the request. */
export function serveHubPaths(hub: HubPaths, req: IncomingMessage, res: ServerResponse): boolean {
	const path = (req.url ?? '/').split('?')[0];
	if (path?.startsWith('/api/') && takenByRoute(req, res, hub.routes)) return true;
	if (path !== '/healthz') return false;
	hub.health().then(
		(h) => json(res, h.status === 'ok' ? 200 : 503, h),
		() => json(res, 503, { status: 'degraded' })
	);
	return true;
}

const APP_KEY = Symbol.for('wishwall.hub');

/** Hands the core to the app's server code (kiosk/lib/server/hub.ts reads it): set before it loads. */
export function exposeToApp(core: object): void {
	(globalThis as Record<symbol, unknown>)[APP_KEY] = core;
}

export function createRequestHandler(deps: {
	hub: HubPaths;
	/** Still loading while the hub already listens (see startHub); null when there is no build. */
	kit: Promise<Handler | null>;
}) {
	return (req: IncomingMessage, res: ServerResponse): void => {
		setSecurityHeaders(req, res);
		if (serveHubPaths(deps.hub, req, res)) return;
		deps.kit.then(
			(kit) => {
				if (!kit) {
					res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
					res.end('The app is not built yet: run npm run build (or npm start, which builds it).');
					return;
				}
				// Overwrites whatever a client sent under this name.
				req.headers[PROTO_HEADER] = (req.socket as { encrypted?: boolean }).encrypted
					? 'https'
					: 'http';
				kit(req, res, () => {
					res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
					res.end('找不到这个页面');
				});
			},
			() => {
				res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
				res.end('页面程序没有加载成功，请联系管理员（hub log: could not load the app）');
			}
		);
	};
}
