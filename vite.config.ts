import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev`: the same hub core (database, services, Socket.IO) attached to Vite's own HTTP
 * server, so development is one command and one port.
 */
function wishwallHub(): Plugin {
	return {
		name: 'wishwall-hub',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { configFromEnv, derivePublicUrl } = await import('./hub/config.ts');
			const { createCore } = await import('./hub/core.ts');
			const config = configFromEnv();
			const core = await createCore({
				dataDir: config.dataDir,
				demo: config.demo,
				publicUrl: () => derivePublicUrl(config, server.config.server.port ?? 5173)
			});
			(globalThis as Record<symbol, unknown>)[Symbol.for('wishwall.hub')] = core;
			core.attach(server.httpServer as import('node:http').Server);
			// Voice clips, speech and photos, as hub/main.ts serves them.
			const { createVoiceRoutes } = await import('./hub/http/voice.ts');
			const { createSpeechRoutes } = await import('./hub/http/speech.ts');
			const { createPhotoRoutes } = await import('./hub/http/photos.ts');
			const routes = [
				createVoiceRoutes({ db: core.db, kiosks: core.kiosks, dataDir: config.dataDir }),
				createSpeechRoutes({ kiosks: core.kiosks, dataDir: config.dataDir }),
				createPhotoRoutes({ claims: core.claims })
			];
			server.middlewares.use((req, res, next) => {
				if (!routes.some((route) => route(req, res))) next();
			});
			server.middlewares.use('/healthz', (_req, res) => {
				core.health().then(
					(h) => {
						res.setHeader('content-type', 'application/json');
						res.end(JSON.stringify(h));
					},
					() => res.end('{"status":"degraded"}')
				);
			});
			for (const k of core.demoKiosks)
				console.log(`  demo kiosk ${k.name}: /kiosk/${k.site}#device=${k.token}`);
			server.httpServer.once('close', () => void core.close());
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), wishwallHub()]
});
