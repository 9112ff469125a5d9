import type { Handle } from '@sveltejs/kit';
import { hub } from '$lib/server/hub.ts';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.hub = hub();
	return resolve(event);
};
