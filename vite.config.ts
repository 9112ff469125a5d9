import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev`: the hub's core (hub/core.ts, wired as `npm start` wires it) attached to Vite's
 * own HTTP server, so development is one command and one port.
 */
function wishwallHub(): Plugin {
	return {
		name: 'wishwall-hub',
		apply: 'serve',
		async configureServer(server) {
			const http = server.httpServer as import('node:http').Server | null;
			if (!http) return;
			const { configFromEnv, derivePublicUrl } = await import('./hub/config.ts');
			const { createCore } = await import('./hub/core.ts');
			const { exposeToApp, serveHubPaths } = await import('./hub/http/app.ts');
			const config = configFromEnv();
			const core = await createCore(config, {
				publicUrl: () => derivePublicUrl(config, server.config.server.port ?? 5173)
			});
			exposeToApp(core);
			core.attach(http);
			server.middlewares.use((req, res, next) => {
				if (!serveHubPaths(core, req, res)) next();
			});
			for (const k of core.demoKiosks)
				console.log(`  demo kiosk ${k.name}: /kiosk/${k.site}#device=${k.token}`);
			http.once('close', () => void core.close());
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), wishwallHub()]
});
