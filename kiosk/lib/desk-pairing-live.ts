/**
 * The household pages stay current while members log visits: the desk socket's `pairing:visit`
 * (sent after the visit's commit) and every connect call `onChange`, which reads the page again.
 */
import { connectDesk } from '$lib/desk-socket.ts';

/** Listens until the returned function is called (a component's teardown). */
export function followVisits(onChange: () => void): () => void {
	const socket = connectDesk();
	socket.on('pairing:visit', () => onChange());
	// Visits logged between the page's render and the socket's first connect, or while it was
	// away, are in the next read: read again on every connect, the first one included.
	socket.on('connect', () => onChange());
	return () => socket.disconnect();
}
