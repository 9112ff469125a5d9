/**
 * SvelteKit's options for the bench's bare page (routes/): SvelteKit and socket.io-client and
 * nothing of ours, built apart from the kiosk app so the yardstick never ships in the product.
 * serve.ts builds it (Vite run in this folder, vite-bare.config.ts) into tests/.artifacts/bench-bare/
 * (gitignored), where it looks for the build.
 */
import adapter from '@sveltejs/adapter-node';
import { fileURLToPath } from 'node:url';

const work = fileURLToPath(new URL('../../.artifacts/bench-bare/', import.meta.url));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// The kiosk app's adapter with its defaults (precompressed assets): served and weighed alike.
		adapter: adapter({ out: `${work}build` }),
		outDir: `${work}kit`,
		files: { src: '.' }
	}
};

export default config;
