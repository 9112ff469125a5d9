import type { Handle } from '@sveltejs/kit';
import { hub } from '$lib/server/hub.ts';
import { currentStaff, deskGate } from '$lib/server/staff-auth.ts';
import { currentMember } from '$lib/server/member-auth.ts';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.hub = hub();
	event.locals.staff = await currentStaff(event);
	// Signed in (and admin for /desk/admin) before any /desk load or form action runs.
	deskGate(event);
	event.locals.member = await currentMember(event);
	return resolve(event);
};
