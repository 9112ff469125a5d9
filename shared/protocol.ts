/**
 * The typed Socket.IO event maps both sides compile against. Payload parameters are typed for
 * the client's convenience; the hub still validates every one with the schemas in schemas.ts.
 */
import type { AckResult } from './errors.ts';
import type {
	BatchItemResult,
	Heartbeat,
	KioskHello,
	KioskRate,
	PublicWish,
	SyncRequest,
	SyncResponse,
	TrackLookup,
	TrackView,
	WallEvent,
	WishSubmit
} from './schemas.ts';

/** Bumped whenever an event's shape changes; the hub refuses clients speaking another version. */
export const PROTOCOL_VERSION = 1;

export type Ack<T> = (result: AckResult<T>) => void;

export interface ClientToServerEvents {
	'wish:submit': (payload: WishSubmit, ack: Ack<PublicWish>) => void;
	/** The outbox path: many wishes, one commit, one ack. */
	'wish:submitBatch': (payload: WishSubmit[], ack: Ack<BatchItemResult[]>) => void;
	'sync:since': (payload: SyncRequest, ack: Ack<SyncResponse>) => void;
	'kiosk:heartbeat': (payload: Heartbeat, ack: Ack<null>) => void;
	/** 查进度 at the kiosk: ticket + phone's last 4 digits (or the slip's track code). */
	'track:lookup': (payload: TrackLookup, ack: Ack<TrackView>) => void;
	'wish:rate': (payload: KioskRate, ack: Ack<TrackView>) => void;
}

export interface ServerToClientEvents {
	'kiosk:hello': (hello: KioskHello) => void;
	'event:appended': (event: WallEvent) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
	role: 'kiosk';
	kioskId: number;
	siteId: number;
	siteSlug: string;
}

/** Room names, so hub and tests agree. */
export const siteRoom = (siteId: number): string => `site:${siteId}`;

/** The cookie a member's phone keeps its session token in (HttpOnly, SameSite=Lax, 30 days). */
export const MEMBER_COOKIE = 'ww_member';
