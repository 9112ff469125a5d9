/** The Socket.IO server: tight heartbeats for kiosks, bounded payloads, typed events. */
import type { NeedService } from '../services/needs/service.ts';
import { registerNeedHandlers } from './needs.ts';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { DESK_ROOM, postRoom, siteRoom } from '../../shared/protocol.ts';
import type { Broadcaster } from '../infra/broadcaster.ts';
import type { KioskService } from '../services/kiosks.ts';
import type { WishService } from '../services/wishes/service.ts';
import type { TrackingService } from '../services/tracking.ts';
import { byRole, kioskAuth } from './auth.ts';
import { deskAuth, isDeskSocket, onDeskConnection, type DeskDeps } from './desk.ts';
import type { HubServer, HubSocket } from './types.ts';
import { onKioskConnection, type KioskSubmitLimits } from './wishes.ts';
import { registerTrackHandlers } from './track.ts';
import type { ActivityService } from '../services/activities/service.ts';
import type { StationServiceApi } from '../services/stations/service.ts';
import { registerStationHandlers } from './stations.ts';
import type { MemberService } from '../services/members.ts';
import { fieldAuth } from './field.ts';

export function createSocketServer(http: HttpServer): HubServer {
	return new Server(http, {
		// A dead rural link is noticed within 15 s instead of the default 45 s.
		pingInterval: 10_000,
		pingTimeout: 5_000,
		// Voice clips go over HTTP; a batch of 100 wishes stays well under this.
		maxHttpBufferSize: 1_000_000,
		serveClient: false,
		// WebSockets are exempt from CORS, and desk sockets authenticate by cookie: a page from
		// another origin must not open one in a signed-in browser (cross-site WebSocket hijacking).
		allowRequest: (req, callback) =>
			callback(null, sameOrigin(req.headers.origin, req.headers.host))
	});
}

/** No Origin (a kiosk's or a test's Node client) or an Origin naming this very host. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
	if (!origin) return true;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

export function socketBroadcaster(io: HubServer): Broadcaster {
	return {
		wall(siteId, events) {
			io.to(siteRoom(siteId)).emit('events:appended', events);
		},
		station(siteId, service) {
			io.to(siteRoom(siteId)).emit('station:updated', service);
		},
		activity(siteId, change) {
			io.to(siteRoom(siteId)).emit('activity:changed', change);
		},
		field(postIds, change) {
			if (postIds.length > 0) io.to(postIds.map(postRoom)).emit('field:changed', change);
		},
		pairing(visit) {
			io.to(DESK_ROOM).emit('pairing:visit', visit);
		},
		need(siteId, change) {
			io.to([siteRoom(siteId), DESK_ROOM]).emit('need:changed', change);
		}
	};
}

export function attachHandlers(
	io: HubServer,
	deps: {
		wishes: WishService;
		kiosks: KioskService;
		limits: KioskSubmitLimits;
		tracking?: TrackingService;
		stations?: StationServiceApi;
		activities?: ActivityService;
		desk?: DeskDeps;
		members?: MemberService;
		needs?: NeedService;
	}
): void {
	io.use(
		byRole({
			kiosk: kioskAuth(deps.kiosks),
			desk: deps.desk ? deskAuth(deps.desk.staff) : null,
			field: deps.members ? fieldAuth(deps.members) : null
		})
	);
	io.on('connection', (anySocket) => {
		// Field phones only listen to their posts' rooms, joined at the gate.
		if (anySocket.data.role === 'field') return;
		if (isDeskSocket(anySocket)) {
			if (deps.desk) onDeskConnection(anySocket, deps.desk);
			return;
		}
		const socket = anySocket as HubSocket;
		if (deps.tracking) registerTrackHandlers(socket, deps.tracking);
		if (deps.stations && deps.activities) {
			registerStationHandlers(socket, { stations: deps.stations, activities: deps.activities });
		}
		if (deps.needs) registerNeedHandlers(socket, deps.needs);
		onKioskConnection(socket, deps).catch((err: unknown) => {
			console.error('kiosk connection setup failed', err);
			socket.disconnect(true);
		});
	});
}
