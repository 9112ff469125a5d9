/**
 * The single accessor through which SvelteKit server code reaches the hub's services. The hub
 * (hub/main.ts, or the Vite dev plugin) registers its core before the app handles a request.
 * The import below is type-only: nothing from hub/ is bundled into the app.
 */
import type { Core } from '../../../hub/core.ts';

export type { Core };

const KEY = Symbol.for('wishwall.hub');

export function hub(): Core {
	const core = (globalThis as Record<symbol, unknown>)[KEY] as Core | undefined;
	if (!core)
		throw new Error(
			'The Wishwall hub is not running in this process (start it with npm start or npm run dev)'
		);
	return core;
}
