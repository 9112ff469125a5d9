/**
 * socket.io clients from the Playwright process against any hub address (the shared e2e hub or a
 * private one), for tests that act as a kiosk or a desk without driving a browser for it.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { KioskHello } from '../../shared/schemas/wishes.ts';
import { ACK_TIMEOUT_MS, awaitHello, type KioskSocket } from '../helpers/start-hub.ts';

const open = new Set<Socket>();

/** Disconnects every socket made here. */
export function closeSockets(): void {
	for (const s of open) s.disconnect();
	open.clear();
}

function socketTo(base: string, auth: Record<string, unknown>, cookie?: string): KioskSocket {
	const socket: KioskSocket = io(base, {
		auth,
		transports: ['websocket'],
		extraHeaders: cookie ? { cookie } : {},
		forceNew: true,
		reconnection: false,
		autoConnect: false
	});
	open.add(socket);
	return socket;
}

/** A kiosk connected with its device token, after the hub's hello. */
export async function kioskSocket(
	base: string,
	token: string
): Promise<{ socket: KioskSocket; hello: KioskHello }> {
	const socket = socketTo(base, { protocol: PROTOCOL_VERSION, role: 'kiosk', token });
	const hello = awaitHello(socket);
	socket.connect();
	return { socket, hello: await hello };
}

/**
 * Opens a socket and reports how the handshake ended: 'connected' (with the socket) or the
 * connect_error code the hub refused it with.
 */
export function tryConnect(
	base: string,
	auth: Record<string, unknown>,
	cookie?: string
): Promise<{ socket: KioskSocket; refused: string | null }> {
	const socket = socketTo(base, auth, cookie);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('neither connected nor refused')),
			ACK_TIMEOUT_MS
		);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve({ socket, refused: null });
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			resolve({ socket, refused: err.message });
		});
		socket.connect();
	});
}

/** Emits any event with an ack and returns the ack; 'no answer' when none comes in time. */
export async function emitAck(
	socket: KioskSocket,
	event: string,
	payload: unknown,
	timeoutMs = ACK_TIMEOUT_MS
): Promise<unknown> {
	try {
		return await (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload);
	} catch {
		return 'no answer';
	}
}
