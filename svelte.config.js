import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// WISHWALL_BUILD lets two builds (e.g. parallel test runs) live side by side.
		adapter: adapter({ out: process.env.WISHWALL_BUILD ?? 'build' }),
		outDir: process.env.WISHWALL_KIT_OUT ?? '.svelte-kit',
		files: {
			src: 'kiosk'
		},
		alias: {
			$shared: 'shared'
		}
	}
};

export default config;
