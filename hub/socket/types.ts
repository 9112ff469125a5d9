import type { Server, Socket } from 'socket.io';
import type {
	ClientToServerEvents,
	DeskSocketData,
	InterServerEvents,
	KioskSocketData,
	ServerToClientEvents,
	SocketData
} from '../../shared/protocol.ts';

export type HubServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
/** Any connected socket; its data tells kiosk from desk. */
export type AnySocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
/** A kiosk socket (the handlers in wishes.ts, track.ts, … only ever see these). */
export type HubSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	KioskSocketData
>;
export type DeskSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	DeskSocketData
>;
