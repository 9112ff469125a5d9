import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { loadStaffStrings } from '$lib/i18n/index.ts';
import { hub } from '$lib/server/hub.ts';
import { currentStaff, deskGate } from '$lib/server/staff-auth.ts';
import { currentMember } from '$lib/server/member-auth.ts';

// Desk pages rendered here and the desk's CSV export read the desk's strings.
export const init: ServerInit = loadStaffStrings;

/**
 * A client's bad request (a wrong content type, a missing page, an oversized body) is one line in
 * the log; only the hub's own failures carry a stack trace. Neither reaches the page.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const where = `[${status}] ${event.request.method} ${event.url.pathname}`;
	if (status < 500) {
		console.warn(`${where}: ${error instanceof Error ? error.message : message}`);
	} else {
		console.error(where, error);
	}
	return { message };
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.hub = hub();
	event.locals.staff = await currentStaff(event);
	// Signed in (and admin for /desk/admin) before any /desk load or form action runs.
	deskGate(event);
	event.locals.member = await currentMember(event);
	return resolve(event);
};
