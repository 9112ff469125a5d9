/** The one typed socket.io-client connection of a kiosk. */
import { io, type Socket } from 'socket.io-client';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '$shared/protocol.ts';

export type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectKiosk(token: string): KioskSocket {
	return io({
		auth: { protocol: PROTOCOL_VERSION, role: 'kiosk', token },
		transports: ['websocket'],
		// Rural links drop; keep trying, but do not hammer the hub when many kiosks return at once.
		reconnectionDelay: 1_000,
		reconnectionDelayMax: 15_000,
		randomizationFactor: 0.5
	});
}
