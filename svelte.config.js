import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// WISHWALL_BUILD lets two builds (e.g. parallel test runs) live side by side.
		adapter: adapter({ out: process.env.WISHWALL_BUILD ?? 'build' }),
		outDir: process.env.WISHWALL_KIT_OUT ?? '.svelte-kit',
		// No inline script runs without SvelteKit's nonce; nothing is ever eval'd.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte writes style attributes into server-rendered HTML.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['self']
			}
		},
		files: {
			src: 'kiosk'
		},
		alias: {
			$shared: 'shared'
		}
	}
};

export default config;
