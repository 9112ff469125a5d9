/**
 * Who is signed in on this phone, resolved once per request by hooks.server.ts. Pages use it to
 * decide what to show; the hub's services check the token again for anything that changes state.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { sessionToken } from './session.ts';

export type SignedInMember = NonNullable<
	Awaited<ReturnType<App.Locals['hub']['members']['authenticate']>>
>;

export async function currentMember(event: RequestEvent): Promise<SignedInMember | null> {
	const token = sessionToken(event.cookies);
	return token ? event.locals.hub.members.authenticate(token) : null;
}
