/**
 * Composition root: config → database → migrations → services → HTTP + Socket.IO → listen.
 * startHub is what `npm start`, the integration tests and the benchmarks all run.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { derivePublicUrl, type HubConfig } from './config.ts';
import { createCore, type Core, type CoreOptions } from './core.ts';
import { createRequestHandler, loadKitHandler } from './http/app.ts';
import { createPhotoRoutes } from './http/photos.ts';
import { createSpeechRoutes } from './http/speech.ts';
import { createVoiceRoutes } from './http/voice.ts';

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
	options: { now?: () => number; tuning?: CoreOptions['tuning'] } = {}
): Promise<Hub> {
	let port = config.port;
	const publicUrl = () => derivePublicUrl(config, port);
	const core = await createCore({
		dataDir: config.dataDir,
		demo: config.demo,
		publicUrl,
		now: options.now,
		adminPassword: config.adminPassword,
		kioskLimits: config.kioskLimits,
		ipLimits: config.ipLimits,
		tuning: {
			...options.tuning,
			autoRelease: { ...config.autoRelease, ...options.tuning?.autoRelease }
		}
	});
	const server: Server = config.tls
		? createHttpsServer({
				cert: await readFile(config.tls.cert),
				key: await readFile(config.tls.key)
			})
		: createHttpServer();
	// Set before the app loads: SvelteKit server code reaches the services through this one accessor.
	(globalThis as Record<symbol, unknown>)[Symbol.for('wishwall.hub')] = core;
	// Loaded while the hub already listens: kiosks reconnecting after a crash need only the
	// socket, and the app's server bundle takes a quarter of a second to evaluate. Page requests
	// that come sooner wait for it.
	const kit = loadKitHandler(config.buildDir);
	kit.catch((err: unknown) =>
		console.error('could not load the app (build/handler.js); pages answer 500', err)
	);
	const routes = [
		createVoiceRoutes({ db: core.db, kiosks: core.kiosks, dataDir: config.dataDir }),
		createSpeechRoutes({ kiosks: core.kiosks, dataDir: config.dataDir }),
		createPhotoRoutes({ claims: core.claims })
	];
	server.on('request', createRequestHandler({ health: () => core.health(), kit, routes }));
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
