/**
 * The field worker's phone listens to the hub: authenticated by the phone session cookie the
 * browser sends along (HttpOnly, so the page never sees it), it hears `field:changed` for items on
 * the worker's posts and reads its list again over HTTPS. It never sends commands: those are the
 * page's form actions.
 */
import { io, type Socket } from 'socket.io-client';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type FieldChange,
	type ServerToClientEvents
} from '$shared/protocol.ts';
import { chime } from './desk-chime.ts';

export type FieldClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface FieldListener {
	/** Something on one of the worker's posts changed: read the list again. */
	changed(change: FieldChange): void;
	/** Back after a lost link: what happened meanwhile was not heard, so read the list again. */
	reconnected(): void;
}

/** Connects and listens; returns the disconnect. */
export function listenField(listener: FieldListener): () => void {
	const socket: FieldClientSocket = io({
		auth: { protocol: PROTOCOL_VERSION, role: 'field' },
		// As the kiosk and the desk: hub processes share no polling sessions (DESIGN.md §9).
		transports: ['websocket'],
		reconnectionDelay: 1_000,
		reconnectionDelayMax: 10_000
	});
	let connectedOnce = false;
	socket.on('connect', () => {
		if (connectedOnce) listener.reconnected();
		connectedOnce = true;
	});
	socket.on('field:changed', (change) => listener.changed(change));
	return () => {
		socket.disconnect();
	};
}

/** Whether the worker has touched the page: phones allow sound and vibration only after that. */
let touched = false;

/** Starts watching for the first tap or key press; returns the stop. */
export function watchFirstGesture(): () => void {
	const mark = () => {
		touched = true;
		stop();
	};
	const stop = () => {
		window.removeEventListener('pointerdown', mark, true);
		window.removeEventListener('keydown', mark, true);
	};
	window.addEventListener('pointerdown', mark, true);
	window.addEventListener('keydown', mark, true);
	return stop;
}

/** A new item arrived: a short beep and a buzz, if the phone lets the page make them yet. */
export function announceNewItem(urgent: boolean): void {
	if (!touched) return;
	chime(urgent);
	try {
		navigator.vibrate?.(200);
	} catch {
		// Some in-app browsers expose vibrate but throw: the list itself still shows the item.
	}
}
