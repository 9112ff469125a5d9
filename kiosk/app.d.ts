// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Core } from '$lib/server/hub.ts';
import type { StaffPrincipal } from '../shared/schemas/desk.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** A 429: minutes until the client may try again. */
			minutes?: number;
		}
		interface Locals {
			/** The hub's services, injected once per request by hooks.server.ts. */
			hub: Core;
			/** The desk staff member signed in on this browser (session cookie), or null. */
			staff: StaffPrincipal | null;
			/** The member signed in on this phone (session cookie), or null. */
			member: Awaited<ReturnType<Core['members']['authenticate']>>;
		}
	}
}

export {};
