/**
 * The hub's own server: the core (hub/core.ts) behind HTTP or HTTPS, listening. startHub is what
 * `npm start`, the integration tests and the benchmarks all run.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { derivePublicUrl, type HubConfig } from './config.ts';
import { createCore, type Core, type CoreOptions } from './core.ts';
import { createRequestHandler, exposeToApp, loadKitHandler } from './http/app.ts';

/**
 * TLS 1.2 and 1.3 only, and for 1.2 only forward-secret AEAD suites (ECDHE with AES-GCM or
 * ChaCha20-Poly1305); every TLS 1.3 suite is both already. Kiosks run current Chromium.
 */
export const TLS_OPTIONS = {
	minVersion: 'TLSv1.2',
	ciphers: [
		'ECDHE-ECDSA-AES128-GCM-SHA256',
		'ECDHE-RSA-AES128-GCM-SHA256',
		'ECDHE-ECDSA-AES256-GCM-SHA384',
		'ECDHE-RSA-AES256-GCM-SHA384',
		'ECDHE-ECDSA-CHACHA20-POLY1305',
		'ECDHE-RSA-CHACHA20-POLY1305',
		'TLS_AES_128_GCM_SHA256',
		'TLS_AES_256_GCM_SHA384',
		'TLS_CHACHA20_POLY1305_SHA256'
	].join(':'),
	honorCipherOrder: true
} as const;

export interface Hub {
	core: Core;
	port: number;
	/** Where this machine's browser reaches the hub (loopback). */
	localUrl: string;
	/** Base of printed QR links. */
	publicUrl: string;
	close(): Promise<void>;
}

export async function startHub(
	config: HubConfig,
	options: Pick<CoreOptions, 'now' | 'tuning'> = {}
): Promise<Hub> {
	let port = config.port;
	const publicUrl = () => derivePublicUrl(config, port);
	const core = await createCore(config, { ...options, publicUrl });
	const server: Server = config.tls
		? createHttpsServer({
				cert: await readFile(config.tls.cert),
				key: await readFile(config.tls.key),
				...TLS_OPTIONS
			})
		: createHttpServer();
	exposeToApp(core);
	// Loaded while the hub already listens: kiosks reconnecting after a crash need only the
	// socket, and the app's server bundle takes a quarter of a second to evaluate. Page requests
	// that come sooner wait for it.
	const kit = loadKitHandler(config.buildDir);
	kit.catch((err: unknown) =>
		console.error('could not load the app (build/handler.js); pages answer 500', err)
	);
	server.on('request', createRequestHandler({ hub: core, kit }));
	core.attach(server);

	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => resolve());
		});
	} catch (err) {
		await core.close();
		throw err;
	}
	port = (server.address() as AddressInfo).port;
	const scheme = config.tls ? 'https' : 'http';

	let closing: Promise<void> | null = null;
	return {
		core,
		port,
		localUrl: `${scheme}://localhost:${port}`,
		publicUrl: publicUrl(),
		close() {
			closing ??= (async () => {
				// Stop taking new connections first; then let in-flight commits finish.
				server.close();
				server.closeIdleConnections();
				await core.close();
				server.closeAllConnections();
			})();
			return closing;
		}
	};
}
