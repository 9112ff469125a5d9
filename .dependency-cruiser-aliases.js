/**
 * SvelteKit's aliases ($lib, $shared) for dependency-cruiser, in the shape it reads from a webpack
 * config (`resolve.alias`), taken from svelte.config.js so the two cannot drift apart. The tsconfig
 * paths that svelte-kit sync writes are no help here: they are relative to .svelte-kit/, and
 * dependency-cruiser's tsconfig-paths plugin resolves them from the repository root instead.
 */
import { resolve } from 'node:path';
import svelteConfig from './svelte.config.js';

const root = import.meta.dirname;
const kit = svelteConfig.kit ?? {};
const src = kit.files?.src ?? 'src';

export default {
	resolve: {
		alias: {
			$lib: resolve(root, kit.files?.lib ?? `${src}/lib`),
			...Object.fromEntries(
				Object.entries(kit.alias ?? {}).map(([name, path]) => [name, resolve(root, path)])
			)
		}
	}
};
