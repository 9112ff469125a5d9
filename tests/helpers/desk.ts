/**
 * Desk clients for integration tests: staff sign-in through the real service, desk sockets that
 * carry the staff session cookie in the handshake (as a browser does), typed emits with acks.
 */
import { io, type Socket } from 'socket.io-client';
import type { Hub } from '../../hub/main.ts';
import type { Outcome } from '../../shared/errors.ts';
import {
	PROTOCOL_VERSION,
	STAFF_COOKIE,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../shared/protocol.ts';
import type { DeskEvent, StaffPrincipal, StaffRole } from '../../shared/schemas/desk.ts';
import { ACK_TIMEOUT_MS } from './start-hub.ts';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sockets = new Set<DeskSocket>();

export function closeDeskSockets(): void {
	for (const s of sockets) s.disconnect();
	sockets.clear();
}

export interface SignedIn {
	token: string;
	staff: StaffPrincipal;
	cookie: string;
}

/** Signs in through the staff service (what the /desk/login form action calls). */
export async function signIn(hub: Hub, username: string, password: string): Promise<SignedIn> {
	const r = await hub.core.staff.signIn(username, password);
	if (!r.ok) throw new Error(`sign-in failed: ${r.error} ${r.message}`);
	return { ...r.value, cookie: `${STAFF_COOKIE}=${r.value.token}` };
}

/** The first admin of a fresh hub (its one-time password is on the core). */
export async function signInAdmin(hub: Hub): Promise<SignedIn> {
	const first = hub.core.firstAdmin;
	if (!first?.password) throw new Error('this hub has no one-time admin password');
	return signIn(hub, first.username, first.password);
}

let counter = 0;

/** A new staff account made by an admin, signed in. */
export async function newStaff(hub: Hub, admin: SignedIn, role: StaffRole): Promise<SignedIn> {
	counter += 1;
	const username = `${role}${counter}${Date.now() % 100000}`;
	const password = `pass-${username}-long`;
	const r = await hub.core.staff.create(admin.staff, {
		username,
		displayName: `${role === 'admin' ? '管理' : '调度'}${counter}`,
		role,
		password
	});
	if (!r.ok) throw new Error(`could not create staff: ${r.message}`);
	return signIn(hub, username, password);
}

function rawDesk(hub: Hub, opts: { cookie?: string; auth?: Record<string, unknown> }): DeskSocket {
	const socket: DeskSocket = io(`http://127.0.0.1:${hub.port}`, {
		auth: opts.auth ?? { protocol: PROTOCOL_VERSION, role: 'desk' },
		transports: ['websocket'],
		extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
		forceNew: true,
		reconnection: false,
		autoConnect: false
	});
	sockets.add(socket);
	return socket;
}

/** Connects a desk socket with a session cookie; resolves after the hub's desk:hello. */
export function connectDesk(hub: Hub, cookie: string): Promise<DeskSocket> {
	const socket = rawDesk(hub, { cookie });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no desk:hello')), ACK_TIMEOUT_MS);
		socket.once('desk:hello', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		socket.connect();
	});
}

/** The connect_error a desk handshake gets (rejects if the hub lets it in). */
export function deskConnectError(
	hub: Hub,
	opts: { cookie?: string; auth?: Record<string, unknown> }
): Promise<Error & { data?: { code?: string } }> {
	const socket = rawDesk(hub, opts);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('neither connected nor refused')),
			ACK_TIMEOUT_MS
		);
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			resolve(err);
		});
		socket.once('connect', () => {
			clearTimeout(timer);
			reject(new Error('the hub let this desk in'));
		});
		socket.connect();
	});
}

/** Emits a desk command and returns the ack, whatever its shape. */
export function deskEmit<T = unknown>(
	socket: DeskSocket | Socket,
	event: string,
	payload: unknown,
	timeoutMs = ACK_TIMEOUT_MS
): Promise<Outcome<T>> {
	return (socket as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<Outcome<T>>;
}

/** Records desk:event broadcasts; waitFor resolves when one matches. */
export function recordDeskEvents(socket: DeskSocket) {
	const events: DeskEvent[] = [];
	const waiters: { test: (e: DeskEvent) => boolean; resolve: (e: DeskEvent) => void }[] = [];
	socket.on('desk:event', (e) => {
		events.push(e);
		for (const w of [...waiters]) {
			if (w.test(e)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(e);
			}
		}
	});
	return {
		events,
		waitFor(test: (e: DeskEvent) => boolean): Promise<DeskEvent> {
			const seen = events.find(test);
			if (seen) return Promise.resolve(seen);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no matching desk:event')), ACK_TIMEOUT_MS);
				waiters.push({
					test,
					resolve: (e) => {
						clearTimeout(timer);
						resolve(e);
					}
				});
			});
		}
	};
}
