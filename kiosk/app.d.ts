// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Core } from '../hub/core.ts';

declare global {
	namespace App {
		interface Locals {
			/** The hub's services, injected once per request by hooks.server.ts. */
			hub: Core;
		}
	}
}

export {};
