/** The desk's typed socket: authenticated by the staff session cookie the browser sends along. */
import { io, type Socket } from 'socket.io-client';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '$shared/protocol.ts';
import { ErrorCode, type Outcome } from '$shared/errors.ts';

export type DeskClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectDesk(): DeskClientSocket {
	return io({
		auth: { protocol: PROTOCOL_VERSION, role: 'desk' },
		transports: ['websocket'],
		reconnectionDelay: 1_000,
		reconnectionDelayMax: 10_000
	});
}

const ACK_TIMEOUT_MS = 10_000;

/** Emits a desk command; a timeout becomes an ordinary failure the page can show. */
export async function deskCall<T>(
	socket: DeskClientSocket,
	event: keyof ClientToServerEvents,
	payload: unknown
): Promise<Outcome<T>> {
	try {
		return (await (socket as unknown as Socket)
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck(event, payload)) as Outcome<T>;
	} catch {
		return { ok: false, error: ErrorCode.unavailable, message: ErrorCode.timeout };
	}
}
