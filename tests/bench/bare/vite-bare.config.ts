/**
 * Vite for the bare page; SvelteKit's options are in svelte.config.js beside this file. Not named
 * vite.config.ts: svelte-check, run from the repository root, would load it for routes/ and
 * SvelteKit would warn that it overrides Vite's `root`.
 */
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	// Kept with the build, not in the repository's node_modules/.vite beside the kiosk app's.
	cacheDir: '../../.artifacts/bench-bare/kit/vite',
	plugins: [sveltekit()]
});
