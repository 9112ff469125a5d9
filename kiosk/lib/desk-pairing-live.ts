/**
 * The household pages stay current while members log visits: the desk socket's `pairing:visit`
 * (sent after the visit's commit) and every reconnect call `onChange`, which reads the page again.
 */
import { connectDesk } from '$lib/desk-socket.ts';

/** Listens until the returned function is called (a component's teardown). */
export function followVisits(onChange: () => void): () => void {
	const socket = connectDesk();
	socket.on('pairing:visit', () => onChange());
	let first = true;
	socket.on('connect', () => {
		// Visits logged while the socket was away are in the next read.
		if (!first) onChange();
		first = false;
	});
	return () => socket.disconnect();
}
