/**
 * The typed Socket.IO event maps both sides compile against. Payload parameters are typed for
 * the client's convenience; the hub still validates every one with the schemas in schemas/.
 */
import type { Outcome } from './errors.ts';
import type {
	DeskBoard,
	DeskDispatch,
	DeskDuplicate,
	DeskEvent,
	DeskItem,
	DeskItemDetail,
	DeskMerge,
	DeskNote,
	DeskReject,
	DeskRecall,
	DeskResolve,
	DeskSubmit,
	DeskTriage,
	StaffRole
} from './schemas/desk.ts';
import type {
	ActivityChanged,
	KioskServiceStateChange,
	Signup,
	SignupReceipt,
	StationService,
	StationView,
	UpcomingActivity
} from './schemas/stations.ts';
import type {
	BatchItemResult,
	Heartbeat,
	KioskHello,
	PublicWish,
	SyncRequest,
	SyncResponse,
	WallEvent,
	WishSubmit
} from './schemas/wishes.ts';
import type { KioskRate, TrackLookup, TrackView } from './schemas/members.ts';
import type {
	KioskSuggest,
	NeedChanged,
	NeedVote,
	NeedVoteReceipt,
	NeedsView,
	PublicNeed
} from './schemas/needs.ts';

/** Bumped whenever an event's shape changes; the hub refuses clients speaking another version. */
export const PROTOCOL_VERSION = 3;

export type Ack<T> = (result: Outcome<T>) => void;

export interface ClientToServerEvents {
	'wish:submit': (payload: WishSubmit, ack: Ack<PublicWish>) => void;
	/** The outbox path: many wishes, one commit, one ack. */
	'wish:submitBatch': (payload: WishSubmit[], ack: Ack<BatchItemResult[]>) => void;
	'sync:since': (payload: SyncRequest, ack: Ack<SyncResponse>) => void;
	'kiosk:heartbeat': (payload: Heartbeat, ack: Ack<null>) => void;
	/** 查进度 at the kiosk: ticket + phone's last 4 digits (or the slip's track code). */
	'track:lookup': (payload: TrackLookup, ack: Ack<TrackView>) => void;
	'wish:rate': (payload: KioskRate, ack: Ack<TrackView>) => void;
	/** Desk (staff) sockets only; every one re-checks the staff session (hub/socket/desk.ts). */
	'desk:board': (payload: Record<string, never>, ack: Ack<DeskBoard>) => void;
	'desk:search': (payload: { q: string }, ack: Ack<DeskItem[]>) => void;
	'desk:item': (payload: { wishId: string }, ack: Ack<DeskItemDetail>) => void;
	'desk:duplicates': (payload: { wishId: string }, ack: Ack<DeskDuplicate[]>) => void;
	'desk:triage': (payload: DeskTriage, ack: Ack<DeskItem>) => void;
	'desk:dispatch': (payload: DeskDispatch, ack: Ack<DeskItem>) => void;
	'desk:note': (payload: DeskNote, ack: Ack<DeskItem>) => void;
	'desk:resolve': (payload: DeskResolve, ack: Ack<DeskItem>) => void;
	'desk:reject': (payload: DeskReject, ack: Ack<DeskItem>) => void;
	'desk:recall': (payload: DeskRecall, ack: Ack<DeskItem>) => void;
	'desk:merge': (payload: DeskMerge, ack: Ack<DeskItem>) => void;
	'desk:submit': (payload: DeskSubmit, ack: Ack<DeskItem>) => void;
	/** Warm stations and activities: the kiosk's own site only. */
	'station:view': (payload: Record<string, never>, ack: Ack<StationView>) => void;
	/** 我来过 · 签到: one anonymous visit, at most one per kiosk every few seconds. */
	'station:visit': (payload: Record<string, never>, ack: Ack<{ visitsToday: number }>) => void;
	/** The kiosk's staff panel: the site's staff PIN unlocks it, and goes with every change. */
	'station:unlock': (payload: { pin: string }, ack: Ack<null>) => void;
	'station:setState': (payload: KioskServiceStateChange, ack: Ack<StationService>) => void;
	'activity:list': (payload: { days?: number }, ack: Ack<UpcomingActivity[]>) => void;
	'activity:signup': (payload: Signup, ack: Ack<SignupReceipt>) => void;
	/** 需求清单 · 你说我办 of the kiosk's own site. */
	'need:view': (payload: Record<string, never>, ack: Ack<NeedsView>) => void;
	/** A resident's suggestion (text and/or a voice clip sent to /api/voice/<id> first). */
	'need:suggest': (payload: KioskSuggest, ack: Ack<PublicNeed>) => void;
	/** 我也需要: one tap, limited per need and kiosk and per kiosk per day (domain/needs.ts). */
	'need:vote': (payload: NeedVote, ack: Ack<NeedVoteReceipt>) => void;
}

export interface ServerToClientEvents {
	'kiosk:hello': (hello: KioskHello) => void;
	/**
	 * The events one commit appended for this site, in seq order: one message per commit, not one
	 * per wish, so a burst costs each wall one frame (protocol 2; protocol 1 sent them singly).
	 */
	'events:appended': (events: WallEvent[]) => void;
	'desk:hello': (hello: { staffId: number; protocol: number }) => void;
	/** Every committed event, with the item as staff see it (resident contact included). */
	'desk:event': (event: DeskEvent) => void;
	/** A paired member logged a household visit: the desk reads its pairing coverage again. */
	'pairing:visit': (visit: { householdId: number; siteSlug: string }) => void;
	/** A committed event the hub could not send with its item: the desk reloads its board. */
	'desk:missed': (missed: { seq: number }) => void;
	/** A service of this kiosk's site changed (committed). */
	'station:updated': (service: StationService) => void;
	/** An activity of this kiosk's site or its places left changed (committed). */
	'activity:changed': (change: ActivityChanged) => void;
	/**
	 * An item sent to one of this field worker's posts changed (committed): the phone reads its
	 * list again. Only the id and what happened; the list itself comes over HTTPS with the session.
	 */
	'field:changed': (change: FieldChange) => void;
	/** A need of this kiosk's site changed (committed): walls read 'need:view' again. */
	'need:changed': (change: NeedChanged) => void;
}

/** What a field worker's phone is told when an item on one of its posts changes. */
export interface FieldChange {
	wishId: string;
	/** The event type, e.g. wish:dispatched (a new item) or wish:accepted (someone took it). */
	type: string;
}

export type InterServerEvents = Record<string, never>;

export interface KioskSocketData {
	role: 'kiosk';
	kioskId: number;
	siteId: number;
	siteSlug: string;
	/** The kiosk's own ticket prefix: every ticket it submits must carry it. */
	ticketPrefix: string;
}

export interface DeskSocketData {
	role: 'desk';
	staffId: number;
	staffRole: StaffRole;
	/** Kept server-side only, so every event can re-check that the session is still live. */
	sessionToken: string;
}

/** A field worker's phone, signed in with the phone session cookie; listens only. */
export interface FieldSocketData {
	role: 'field';
	memberId: number;
}

export type SocketData = KioskSocketData | DeskSocketData | FieldSocketData;

/** A connected kiosk reports its health this often ('kiosk:heartbeat'). */
export const HEARTBEAT_MS = 60_000;

/** Room names, so hub and tests agree. */
export const siteRoom = (siteId: number): string => `site:${siteId}`;

/** The cookie a member's phone keeps its session token in (HttpOnly, SameSite=Lax, 30 days). */
export const MEMBER_COOKIE = 'ww_member';

/**
 * The cookie a kiosk browser keeps its device token in for the server's render of its wall
 * (HttpOnly, SameSite=Strict, only sent to /kiosk/<site>).
 */
export const DEVICE_COOKIE = 'ww_device';

/** The cookie a desk browser keeps its staff session token in (HttpOnly, SameSite=Lax). */
export const STAFF_COOKIE = 'ww_staff';

/** A field worker's phone joins the room of each of its posts. */
export const postRoom = (postId: number): string => `post:${postId}`;

/** Every desk socket joins this room. */
export const DESK_ROOM = 'desk';
