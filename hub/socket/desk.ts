/**
 * Desk sockets: a browser signed in as staff connects with auth { role: 'desk' } and its staff
 * session cookie (sent with the handshake). Every event re-checks the session, so signing out or
 * being switched off ends a dispatcher's power at once. Desks join one room and receive every
 * committed event with the resident's contact (never sent to kiosk rooms).
 */
import * as v from 'valibot';
import { ErrorCode, fail, ok, type Outcome } from '../../shared/errors.ts';
import { DESK_ROOM, PROTOCOL_VERSION, STAFF_COOKIE } from '../../shared/protocol.ts';
import {
	DeskAuthSchema,
	DeskDispatchSchema,
	DeskMergeSchema,
	DeskNoteSchema,
	DeskRecallSchema,
	DeskRejectSchema,
	DeskResolveSchema,
	DeskSearchSchema,
	DeskSubmitSchema,
	DeskTriageSchema,
	DeskWishRefSchema,
	type DeskEvent,
	type StaffPrincipal
} from '../../shared/schemas/desk.ts';
import { NoPayloadSchema } from '../../shared/schemas/stations.ts';
import { type WallEvent } from '../../shared/schemas/wishes.ts';
import type { DispatchService } from '../services/dispatch/service.ts';
import type { FleetSockets } from '../services/fleet/service.ts';
import type { StaffService } from '../services/staff/service.ts';
import { handle } from './ack.ts';
import type { AnySocket, DeskSocket, HubServer } from './types.ts';
import { cookieValue } from '../http/cookies.ts';

export interface DeskDeps {
	staff: StaffService;
	dispatch: DispatchService;
}

function refuse(code: ErrorCode, message: string) {
	return Object.assign(new Error(code), { data: { code, message } });
}

/** Connection gate for role 'desk': a live staff session cookie, nothing else (no device token). */
export function deskAuth(staff: StaffService) {
	return (socket: AnySocket, next: (err?: Error) => void): void => {
		const auth = socket.handshake.auth as Record<string, unknown> | undefined;
		const parsed = v.safeParse(DeskAuthSchema, auth);
		if (!parsed.success) return next(refuse(ErrorCode.unauthorized, 'bad desk handshake'));
		if (parsed.output.protocol !== PROTOCOL_VERSION) {
			return next(refuse(ErrorCode.protocolMismatch, `hub speaks protocol ${PROTOCOL_VERSION}`));
		}
		const token = cookieValue(socket.handshake.headers.cookie, STAFF_COOKIE);
		staff.session(token).then(
			(who) => {
				if (!who || !token) return next(refuse(ErrorCode.unauthorized, 'sign in at /desk first'));
				socket.data = { role: 'desk', staffId: who.id, staffRole: who.role, sessionToken: token };
				next();
			},
			(err: unknown) => {
				console.error('desk auth failed', err);
				next(refuse(ErrorCode.unavailable, 'the hub could not check the session'));
			}
		);
	};
}

export function isDeskSocket(socket: AnySocket): socket is DeskSocket {
	return socket.data.role === 'desk';
}

/**
 * Sends committed events to every desk, each with the item as desks see it now. Reads happen only
 * while a desk is connected here; drain() lets shutdown wait for the last ones.
 */
export function deskRelay(io: () => HubServer | null, dispatch: DispatchService) {
	// One chain keeps events in commit order even though each needs a read first.
	let chain: Promise<unknown> = Promise.resolve();
	const relay = (events: Omit<WallEvent, 'counters'>[]): void => {
		const server = io();
		if (!server || events.length === 0) return;
		if (!server.of('/').adapter.rooms.get(DESK_ROOM)?.size) return;
		chain = chain.then(async () => {
			for (const e of events) {
				let item;
				try {
					item = await dispatch.project(e.wish.id);
				} catch (err) {
					// The desk would silently lack this change: say so, and let it read its board again.
					console.error(`desk relay could not read the item of event ${e.seq}`, err);
					server.to(DESK_ROOM).emit('desk:missed', { seq: e.seq });
					continue;
				}
				if (!item) continue;
				const event: DeskEvent = {
					seq: e.seq,
					type: e.type,
					at: e.at,
					actor: item.seq === e.seq ? item.lastEvent.actor : '',
					item
				};
				server.to(DESK_ROOM).emit('desk:event', event);
			}
		});
	};
	return Object.assign(relay, { drain: () => chain.then(() => undefined) });
}

export function onDeskConnection(socket: DeskSocket, deps: DeskDeps): void {
	const { staff, dispatch } = deps;

	/** Re-checks the session on every event: a signed-out or deactivated desk is cut off. */
	function asStaff<S extends v.GenericSchema<unknown, unknown>, R>(
		schema: S,
		fn: (who: StaffPrincipal, input: v.InferOutput<S>) => Promise<Outcome<R>>
	) {
		return handle(schema, async (input): Promise<Outcome<R>> => {
			const who = await staff.session(socket.data.sessionToken);
			if (!who) {
				setTimeout(() => socket.disconnect(true), 0);
				return fail(ErrorCode.unauthorized, 'your session has ended; sign in again');
			}
			const r = await fn(who, input);
			return r.ok ? ok(r.value) : fail(r.error, r.message);
		});
	}

	void socket.join(DESK_ROOM);
	socket.on(
		'desk:board',
		asStaff(NoPayloadSchema, (who) => dispatch.board(who))
	);
	socket.on(
		'desk:search',
		asStaff(DeskSearchSchema, (who, { q }) => dispatch.search(who, q))
	);
	socket.on(
		'desk:item',
		asStaff(DeskWishRefSchema, (who, { wishId }) => dispatch.detail(who, wishId))
	);
	socket.on(
		'desk:duplicates',
		asStaff(DeskWishRefSchema, (who, { wishId }) => dispatch.duplicates(who, wishId))
	);
	socket.on(
		'desk:triage',
		asStaff(DeskTriageSchema, (who, input) => dispatch.triage(who, input))
	);
	socket.on(
		'desk:dispatch',
		asStaff(DeskDispatchSchema, (who, input) => dispatch.dispatch(who, input))
	);
	socket.on(
		'desk:note',
		asStaff(DeskNoteSchema, (who, input) => dispatch.note(who, input))
	);
	socket.on(
		'desk:resolve',
		asStaff(DeskResolveSchema, (who, input) => dispatch.resolve(who, input))
	);
	socket.on(
		'desk:reject',
		asStaff(DeskRejectSchema, (who, input) => dispatch.reject(who, input))
	);
	socket.on(
		'desk:recall',
		asStaff(DeskRecallSchema, (who, input) => dispatch.recall(who, input))
	);
	socket.on(
		'desk:merge',
		asStaff(DeskMergeSchema, (who, input) => dispatch.merge(who, input))
	);
	socket.on(
		'desk:submit',
		asStaff(DeskSubmitSchema, (who, input) => dispatch.submit(who, input))
	);
	socket.emit('desk:hello', { staffId: socket.data.staffId, protocol: PROTOCOL_VERSION });
}

/** The fleet's handle on live kiosk connections (works across adapters: fetchSockets). */
export function fleetSockets(io: HubServer): FleetSockets {
	return {
		async onlineKioskIds() {
			const out = new Map<number, number>();
			for (const s of await io.fetchSockets()) {
				if (s.data.role === 'kiosk') out.set(s.data.kioskId, (out.get(s.data.kioskId) ?? 0) + 1);
			}
			return out;
		},
		async disconnectKiosk(kioskId) {
			for (const s of await io.fetchSockets()) {
				if (s.data.role === 'kiosk' && s.data.kioskId === kioskId) s.disconnect(true);
			}
		}
	};
}
