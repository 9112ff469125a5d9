/**
 * Valibot schemas for everything that crosses the wire. Types are inferred from them, so a
 * payload's shape is defined exactly once. Objects are strict: unknown keys are refused.
 */
import * as v from 'valibot';
import { CATEGORY_IDS, type CategoryId } from './domain/categories.ts';
import { WISH_KINDS, WISH_STATUSES } from './domain/wish.ts';
import {
	CODE_PATTERN,
	TICKET_PATTERN,
	TICKET_PREFIX_PATTERN,
	WISH_ID_PATTERN
} from './domain/codes.ts';
import { MAX_VOICE_MS, VOICE_MIME_TYPES } from './domain/voice.ts';

export const MAX_TEXT = 500;
export const MAX_NAME = 20;
export { MAX_VOICE_MS, VOICE_MIME_TYPES } from './domain/voice.ts';

// Control characters and bidi overrides can disguise text on the desk; newline and tab are fine.
const SAFE_TEXT = /^[^\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$/u;

export const WishIdSchema = v.pipe(v.string(), v.regex(WISH_ID_PATTERN, 'bad_id'));
export const CodeSchema = v.pipe(v.string(), v.regex(CODE_PATTERN, 'bad_code'));
export const TicketSchema = v.pipe(v.string(), v.regex(TICKET_PATTERN, 'bad_ticket'));
export const TicketPrefixSchema = v.pipe(v.string(), v.regex(TICKET_PREFIX_PATTERN, 'bad_prefix'));
export const KindSchema = v.picklist(WISH_KINDS, 'bad_kind');
export const CategorySchema = v.picklist(CATEGORY_IDS, 'bad_category');
export const StatusSchema = v.picklist(WISH_STATUSES);
export const SeqSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

export const WishTextSchema = v.pipe(
	v.string('bad_text'),
	v.maxLength(MAX_TEXT, 'text_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);

export const ContactNameSchema = v.pipe(
	v.string('bad_name'),
	v.maxLength(MAX_NAME, 'name_too_long'),
	v.regex(SAFE_TEXT, 'name_bad_characters')
);

/** Empty, or a mainland mobile / landline number: digits only. */
export const ContactPhoneSchema = v.pipe(
	v.string('bad_phone'),
	v.regex(/^(\d{7,12})?$/, 'bad_phone')
);

export const VoiceSchema = v.strictObject({
	durationMs: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(300, 'voice_too_short'),
		v.maxValue(MAX_VOICE_MS + 2_000, 'voice_too_long')
	),
	mime: v.picklist(VOICE_MIME_TYPES, 'bad_voice_type')
});

export const WishSubmitSchema = v.pipe(
	v.strictObject({
		id: WishIdSchema,
		kind: KindSchema,
		category: CategorySchema,
		text: WishTextSchema,
		voice: v.nullable(VoiceSchema),
		contactName: ContactNameSchema,
		contactPhone: ContactPhoneSchema,
		ticketNo: TicketSchema,
		claimCode: CodeSchema,
		trackCode: CodeSchema,
		/** When the resident pressed submit, by the kiosk's clock (ms since epoch). */
		createdAt: v.pipe(v.number(), v.integer(), v.minValue(1_600_000_000_000))
	}),
	v.check((w) => w.text.trim().length > 0 || w.voice !== null, 'empty_wish'),
	v.check((w) => w.claimCode !== w.trackCode, 'codes_equal')
);
export type WishSubmit = v.InferOutput<typeof WishSubmitSchema>;

export const WishBatchSchema = v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(100));

/** What a kiosk reports every minute, so the desk sees offline kiosks and stuck outboxes. */
export const HeartbeatSchema = v.strictObject({
	appVersion: v.pipe(v.string(), v.maxLength(40)),
	outboxLength: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** When the oldest unacknowledged wish was made (kiosk clock); absent from older kiosk builds. */
	oldestQueuedAt: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
	printerError: v.nullable(v.pipe(v.string(), v.maxLength(200)))
});
export type Heartbeat = v.InferOutput<typeof HeartbeatSchema>;

export const SyncRequestSchema = v.strictObject({ since: SeqSchema });
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;

const DeviceTokenSchema = v.pipe(v.string(), v.minLength(16), v.maxLength(128));

export const KioskAuthSchema = v.strictObject({
	protocol: v.number(),
	role: v.literal('kiosk'),
	token: DeviceTokenSchema
});
export type KioskAuth = v.InferOutput<typeof KioskAuthSchema>;

/** A kiosk page handing its device token to the hub once, for the cookie that lets it draw the wall. */
export const DeviceCookieRequestSchema = v.strictObject({ token: DeviceTokenSchema });

/** What every wall may see of a wish: never the resident's contact, never the track code. */
export const PublicWishSchema = v.object({
	id: WishIdSchema,
	siteSlug: v.string(),
	kind: KindSchema,
	category: CategorySchema,
	text: v.string(),
	voiceMs: v.nullable(v.number()),
	maskedName: v.string(),
	status: StatusSchema,
	helperName: v.nullable(v.string()),
	ticketNo: TicketSchema,
	claimCode: CodeSchema,
	createdAt: v.number(),
	updatedAt: v.number(),
	/** Sequence number of the last event that changed this wish: apply events only forward. */
	seq: SeqSchema
});
export type PublicWish = v.InferOutput<typeof PublicWishSchema>;

export const SiteCountersSchema = v.object({
	year: v.number(),
	wishes: v.number(),
	claimed: v.number(),
	fulfilled: v.number()
});
export type SiteCounters = v.InferOutput<typeof SiteCountersSchema>;

export const SiteSchema = v.object({
	slug: v.string(),
	name: v.string(),
	kind: v.picklist(['center', 'station'])
});
export type Site = v.InferOutput<typeof SiteSchema>;

export const WallEventSchema = v.object({
	seq: SeqSchema,
	type: v.string(),
	at: v.number(),
	wish: PublicWishSchema,
	counters: SiteCountersSchema
});
export type WallEvent = v.InferOutput<typeof WallEventSchema>;

export type SyncResponse =
	| { mode: 'events'; headSeq: number; events: WallEvent[]; counters: SiteCounters }
	| { mode: 'snapshot'; headSeq: number; wishes: PublicWish[]; counters: SiteCounters };

export interface KioskHello {
	kioskId: number;
	name: string;
	ticketPrefix: string;
	/** Highest ticket counter the hub has from this kiosk, so a wiped kiosk never reuses one. */
	lastTicket: number;
	paperMm: 58 | 80;
	publicUrl: string;
	site: Site;
	headSeq: number;
	/** Tap-to-insert phrases per category as the admin set them (defaults otherwise). */
	phrases: Partial<Record<CategoryId, string[]>>;
}

export type BatchItemResult =
	| { id: string; ok: true; wish: PublicWish }
	| { id: string; ok: false; error: string; message: string };

/** Turns valibot issues into short machine-readable reasons for error acks. */
export function issueCodes(issues: readonly v.BaseIssue<unknown>[]): string[] {
	return issues.map((i) => {
		const path = i.path?.map((p) => String(p.key)).join('.') ?? '';
		return path ? `${path}: ${i.message}` : i.message;
	});
}

// The command-center desk (issue 5): staff, triage and dispatch commands, administration and
// figures. Desk pages turn form fields into these shapes; the hub validates every one again.

export const STAFF_ROLES = ['dispatcher', 'admin'] as const;
export const StaffRoleSchema = v.picklist(STAFF_ROLES, 'bad_role');
export type StaffRole = v.InferOutput<typeof StaffRoleSchema>;

export const UsernameSchema = v.pipe(
	v.string('bad_username'),
	v.trim(),
	v.toLowerCase(),
	v.regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'bad_username')
);
export const PasswordSchema = v.pipe(
	v.string('bad_password'),
	v.minLength(10, 'password_too_short'),
	v.maxLength(200, 'password_too_long')
);
export const StaffSignInSchema = v.strictObject({
	username: v.pipe(v.string('bad_username'), v.trim(), v.toLowerCase(), v.maxLength(64)),
	password: v.pipe(v.string('bad_password'), v.minLength(1, 'password_required'), v.maxLength(200))
});
export const StaffCreateSchema = v.strictObject({
	username: UsernameSchema,
	displayName: v.pipe(v.string(), v.trim(), v.minLength(1, 'name_required'), v.maxLength(20)),
	role: StaffRoleSchema,
	password: PasswordSchema
});
export type StaffCreate = v.InferOutput<typeof StaffCreateSchema>;

/** A desk socket authenticates with the staff session cookie sent with the handshake. */
export const DeskAuthSchema = v.strictObject({ protocol: v.number(), role: v.literal('desk') });

export const RowIdSchema = v.pipe(v.number('bad_id'), v.integer('bad_id'), v.minValue(1, 'bad_id'));
export const SiteSlugSchema = v.pipe(
	v.string('bad_slug'),
	v.trim(),
	v.toLowerCase(),
	v.regex(/^[a-z][a-z0-9-]{1,31}$/, 'bad_slug')
);
const DeskTextSchema = v.pipe(
	v.string('bad_text'),
	v.trim(),
	v.maxLength(MAX_TEXT, 'text_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);
const RequiredDeskTextSchema = v.pipe(DeskTextSchema, v.minLength(1, 'note_required'));

export const DeskWishRefSchema = v.strictObject({ wishId: WishIdSchema });
/** The desk's search box: a ticket, a code, a name or a phone fragment. */
export const DeskSearchSchema = v.strictObject({ q: v.pipe(v.string(), v.maxLength(50)) });
export const DeskTriageSchema = v.strictObject({
	wishId: WishIdSchema,
	category: CategorySchema,
	urgent: v.boolean()
});
export const DeskDispatchSchema = v.strictObject({
	wishId: WishIdSchema,
	to: v.variant('type', [
		v.strictObject({ type: v.literal('post'), postId: RowIdSchema }),
		v.strictObject({ type: v.literal('member'), memberId: RowIdSchema })
	]),
	note: v.optional(DeskTextSchema, '')
});
export type DeskDispatch = v.InferOutput<typeof DeskDispatchSchema>;
export const DeskNoteSchema = v.strictObject({
	wishId: WishIdSchema,
	text: RequiredDeskTextSchema
});
export const DeskResolveSchema = v.strictObject({
	wishId: WishIdSchema,
	note: RequiredDeskTextSchema
});
export const DeskRejectSchema = v.strictObject({
	wishId: WishIdSchema,
	reason: v.pipe(
		v.string('reason_required'),
		v.trim(),
		v.minLength(2, 'reason_required'),
		v.maxLength(200, 'reason_too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	)
});
export const DeskMergeSchema = v.pipe(
	v.strictObject({ wishId: WishIdSchema, intoId: WishIdSchema }),
	v.check((m) => m.wishId !== m.intoId, 'merge_into_self')
);
/** A walk-in or phone caller's wish, typed in by a dispatcher. */
export const DeskSubmitSchema = v.pipe(
	v.strictObject({
		siteSlug: SiteSlugSchema,
		kind: KindSchema,
		category: CategorySchema,
		urgent: v.boolean(),
		text: DeskTextSchema,
		contactName: ContactNameSchema,
		contactPhone: ContactPhoneSchema,
		via: v.picklist(['walk_in', 'phone'], 'bad_via')
	}),
	v.check((w) => w.text.length > 0, 'empty_wish')
);
export type DeskSubmit = v.InferOutput<typeof DeskSubmitSchema>;

const HoursSchema = (min: number, max: number) =>
	v.pipe(
		v.number('bad_hours'),
		v.minValue(min, 'hours_out_of_range'),
		v.maxValue(max, 'hours_out_of_range')
	);

export const CategorySettingsSchema = v.pipe(
	v.strictObject({
		category: CategorySchema,
		responseHours: HoursSchema(0.25, 720),
		urgentHours: HoursSchema(0.25, 720),
		resolutionHours: HoursSchema(1, 2160),
		phrases: v.pipe(
			v.array(
				v.pipe(
					v.string(),
					v.trim(),
					v.minLength(1),
					v.maxLength(12, 'phrase_too_long'),
					v.regex(SAFE_TEXT, 'text_bad_characters')
				)
			),
			v.maxLength(12, 'too_many_phrases')
		)
	}),
	v.check((s) => s.urgentHours <= s.responseHours, 'urgent_longer_than_normal')
);
export type CategorySettings = v.InferOutput<typeof CategorySettingsSchema>;

export const DeskSettingsSchema = v.strictObject({
	escalationHours: HoursSchema(0.25, 720),
	autoReleaseHours: HoursSchema(1, 2160)
});
export type DeskSettings = v.InferOutput<typeof DeskSettingsSchema>;

export const SiteInputSchema = v.strictObject({
	slug: SiteSlugSchema,
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'name_required'), v.maxLength(40)),
	kind: v.picklist(['center', 'station'], 'bad_kind'),
	village: v.pipe(v.string(), v.trim(), v.maxLength(40)),
	address: v.pipe(v.string(), v.trim(), v.maxLength(80))
});
export type SiteInput = v.InferOutput<typeof SiteInputSchema>;

/** "DK" is the desk's own ticket prefix (walk-in and phone wishes). */
export const DESK_TICKET_PREFIX = 'DK';
export const KioskCreateSchema = v.strictObject({
	siteSlug: SiteSlugSchema,
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'name_required'), v.maxLength(40)),
	ticketPrefix: v.pipe(
		TicketPrefixSchema,
		v.check((p) => p !== DESK_TICKET_PREFIX && p !== PHONE_TICKET_PREFIX, 'prefix_reserved')
	),
	paperMm: v.picklist([58, 80], 'bad_paper')
});
export type KioskCreate = v.InferOutput<typeof KioskCreateSchema>;

export const PostInputSchema = v.strictObject({
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'name_required'), v.maxLength(30)),
	siteSlug: v.optional(SiteSlugSchema)
});
export type PostInput = v.InferOutput<typeof PostInputSchema>;

/** Figures for Shanghai calendar days from..to inclusive, optionally one site and/or category. */
export const FiguresQuerySchema = v.pipe(
	v.strictObject({
		from: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'bad_date')),
		to: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'bad_date')),
		site: v.optional(SiteSlugSchema),
		category: v.optional(CategorySchema)
	}),
	v.check((q) => q.from <= q.to, 'range_reversed')
);
export type FiguresQuery = v.InferOutput<typeof FiguresQuerySchema>;

/** The signed-in staff member as the desk's server code and pages see them. */
export interface StaffPrincipal {
	id: number;
	username: string;
	displayName: string;
	role: StaffRole;
	mustChangePassword: boolean;
}

/** What the desk sees of an item: everything, resident contact included. Never sent to walls. */
export interface DeskItem {
	id: string;
	siteSlug: string;
	siteName: string;
	kind: v.InferOutput<typeof KindSchema>;
	category: v.InferOutput<typeof CategorySchema>;
	channel: 'kiosk' | 'phone' | 'desk';
	text: string;
	voiceMs: number | null;
	contactName: string;
	contactPhone: string;
	status: v.InferOutput<typeof StatusSchema>;
	urgent: boolean;
	ticketNo: string;
	claimCode: string;
	trackCode: string;
	postId: number | null;
	postName: string | null;
	memberId: number | null;
	memberName: string | null;
	receivedAt: number;
	respondedAt: number | null;
	resolvedAt: number | null;
	/** When a poor rating last sent it back to the desk. */
	reopenedAt: number | null;
	rating: number | null;
	ratingComment: string | null;
	rejectReason: string | null;
	mergedInto: string | null;
	updatedAt: number;
	/** The last event: what happened, by whom (display name), when. */
	lastEvent: { type: string; actor: string; at: number };
	/** Open desk flags (e.g. a claim released for lack of progress). */
	flags: string[];
	seq: number;
}

/** A committed event as desks receive it (room 'desk'). */
export interface DeskEvent {
	seq: number;
	type: string;
	at: number;
	actor: string;
	item: DeskItem;
}

export interface DeskTimelineEntry {
	seq: number;
	type: string;
	at: number;
	/** Display name of who acted (staff, member, kiosk, resident). */
	actor: string;
	data: Record<string, unknown>;
}

/** An item with its full history, for the desk's item view. */
export interface DeskItemDetail {
	item: DeskItem;
	timeline: DeskTimelineEntry[];
	/** Items merged into this one. */
	mergedFrom: { id: string; ticketNo: string; text: string }[];
}

export type DeskTriage = v.InferOutput<typeof DeskTriageSchema>;
export type DeskNote = v.InferOutput<typeof DeskNoteSchema>;
export type DeskResolve = v.InferOutput<typeof DeskResolveSchema>;
export type DeskReject = v.InferOutput<typeof DeskRejectSchema>;
export type DeskMerge = v.InferOutput<typeof DeskMergeSchema>;

/** Everything the queue page needs at (re)connect; live events keep it current after. */
export interface DeskBoard {
	items: DeskItem[];
	/** SLA hours per category. */
	policies: Record<
		v.InferOutput<typeof CategorySchema>,
		{
			responseHours: number;
			urgentHours: number;
			resolutionHours: number;
		}
	>;
	settings: DeskSettings;
	sites: { slug: string; name: string }[];
	posts: { id: number; name: string; siteSlug: string | null }[];
	members: { id: number; memberNo: string; name: string; siteSlug: string | null }[];
}

/** A possible duplicate of an item, with how alike the texts are (0..1). */
export interface DeskDuplicate {
	item: DeskItem;
	similarity: number;
}

// Members, claims, progress and ratings (issue 4). Form fields arrive as strings; the pages turn
// them into these shapes and the hub checks them again.

/** Member numbers are printed on member cards (e.g. DY001); typed case does not matter. */
export const MemberNoSchema = v.pipe(
	v.string('bad_member_no'),
	v.trim(),
	v.toUpperCase(),
	v.regex(/^[A-Z0-9]{2,16}$/, 'bad_member_no')
);
export const PinSchema = v.pipe(v.string('bad_pin'), v.regex(/^\d{4,6}$/, 'bad_pin'));
export const SignInSchema = v.strictObject({ memberNo: MemberNoSchema, pin: PinSchema });
export type SignIn = v.InferOutput<typeof SignInSchema>;

export const ProgressNoteSchema = v.pipe(
	v.string('bad_note'),
	v.trim(),
	v.maxLength(MAX_TEXT, 'note_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);
/** 已完成 needs a word on what was done: the resident and the desk read it. */
export const ResolveNoteSchema = v.pipe(ProgressNoteSchema, v.minLength(1, 'note_required'));
export const ReleaseReasonSchema = v.pipe(
	v.string('reason_required'),
	v.trim(),
	v.minLength(1, 'reason_required'),
	v.maxLength(200, 'reason_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);
/** 128 random bits, base64url. */
export const PhotoIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{22}$/, 'bad_photo'));

export const StarsSchema = v.pipe(
	v.number('bad_stars'),
	v.integer('bad_stars'),
	v.minValue(1, 'bad_stars'),
	v.maxValue(5, 'bad_stars')
);
export const RatingCommentSchema = v.pipe(
	v.string('bad_comment'),
	v.trim(),
	v.maxLength(300, 'comment_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);
export const RatingSchema = v.strictObject({ stars: StarsSchema, comment: RatingCommentSchema });
export type Rating = v.InferOutput<typeof RatingSchema>;

/**
 * At the kiosk a resident proves a wish is theirs with the ticket number plus the last four digits
 * of the phone they gave, or (no phone given) the track code printed on the slip.
 */
export const TrackLookupSchema = v.pipe(
	v.strictObject({
		ticketNo: TicketSchema,
		phoneLast4: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'bad_last4'))),
		trackCode: v.optional(CodeSchema)
	}),
	v.check((x) => (x.phoneLast4 === undefined) !== (x.trackCode === undefined), 'last4_or_code')
);
export type TrackLookup = v.InferOutput<typeof TrackLookupSchema>;

export const KioskRateSchema = v.strictObject({
	lookup: TrackLookupSchema,
	stars: StarsSchema,
	comment: RatingCommentSchema
});
export type KioskRate = v.InferOutput<typeof KioskRateSchema>;

/** The resident's own view of a wish: never anyone's contact details. */
export interface TrackView {
	ticketNo: string;
	kind: v.InferOutput<typeof KindSchema>;
	category: v.InferOutput<typeof CategorySchema>;
	text: string;
	voiceMs: number | null;
	siteName: string;
	status: v.InferOutput<typeof StatusSchema>;
	helperName: string | null;
	/** 提交 → 已认领 → 进行中 → 已完成, each with when it happened in the current round (or null). */
	milestones: { step: 'submitted' | 'claimed' | 'in_progress' | 'resolved'; at: number | null }[];
	/** What the helper wrote, newest last; photoId is served only with the track code or to staff. */
	notes: {
		at: number;
		status: v.InferOutput<typeof StatusSchema>;
		text: string;
		photoId: string | null;
	}[];
	rejectReason: string | null;
	rating: { stars: number; comment: string; at: number } | null;
	/** Whether a rating (or a replacement) is accepted now. */
	canRate: boolean;
}

// Warm stations and activities (issue 6). Hours are text (shared/domain/hours.ts), schedules JSON
// (shared/domain/recurrence.ts); the hub parses hours again before storing them.

export const SERVICE_STATES = ['available', 'busy', 'paused'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
export const ServiceStateSchema = v.picklist(SERVICE_STATES, 'bad_state');
export const MAX_SERVICE_NOTE = 40;
const IdSchema = v.pipe(v.number('bad_id'), v.integer('bad_id'), v.minValue(1, 'bad_id'));

/** "微波炉维修中，明天恢复": short enough to read from two metres. */
export const ServiceNoteSchema = v.pipe(
	v.string('bad_note'),
	v.trim(),
	v.maxLength(MAX_SERVICE_NOTE, 'note_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);

/** What every kiosk of the site shows for one service. */
export interface StationService {
	id: number;
	icon: string;
	name: string;
	/** Text form, e.g. "每天 06:00-22:00"; the kiosk computes "open now" from it. */
	hours: string;
	state: ServiceState;
	note: string;
	position: number;
	/** False once an admin retires it: kiosks drop it from the list. */
	active: boolean;
	/** Station event that last changed it: apply updates only forward. */
	seq: number;
	updatedAt: number;
}

export interface StationView {
	services: StationService[];
	visitsToday: number;
}

/** Staff flip a state or a note (desk, or the kiosk's PIN panel). */
export const ServiceStateChangeSchema = v.strictObject({
	serviceId: IdSchema,
	state: ServiceStateSchema,
	note: ServiceNoteSchema
});
export type ServiceStateChange = v.InferOutput<typeof ServiceStateChangeSchema>;

export const KioskServiceStateChangeSchema = v.strictObject({
	serviceId: IdSchema,
	state: ServiceStateSchema,
	note: ServiceNoteSchema,
	pin: PinSchema
});
export type KioskServiceStateChange = v.InferOutput<typeof KioskServiceStateChangeSchema>;

export const StationPinCheckSchema = v.strictObject({ pin: PinSchema });

export const SERVICE_ICONS = [
	'microwave',
	'water',
	'charging',
	'seats',
	'toilet',
	'class',
	'health',
	'farming',
	'other'
] as const;

/** Admin edits of a service (desk). */
export const ServiceEditSchema = v.strictObject({
	icon: v.picklist(SERVICE_ICONS, 'bad_icon'),
	name: v.pipe(
		v.string('bad_name'),
		v.trim(),
		v.minLength(1, 'name_required'),
		v.maxLength(12, 'name_too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	),
	hours: v.pipe(v.string('hours_empty'), v.trim(), v.maxLength(200, 'hours_too_long')),
	position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
	active: v.boolean()
});
export type ServiceEdit = v.InferOutput<typeof ServiceEditSchema>;

export const LocalTimeSchema = v.pipe(
	v.string('bad_time'),
	v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'bad_time')
);
export const LocalDateSchema = v.pipe(
	v.string('bad_date'),
	v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'bad_date'),
	// Checks run even after the regex failed: an unparseable string must give false, not throw.
	v.check((d) => {
		const t = new Date(`${d}T00:00:00Z`);
		return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
	}, 'bad_date')
);
const WeekdaySchema = v.picklist([1, 2, 3, 4, 5, 6, 7] as const, 'bad_days');
const ActivityMinutesSchema = v.pipe(
	v.number('bad_minutes'),
	v.integer('bad_minutes'),
	v.minValue(10, 'bad_minutes'),
	v.maxValue(720, 'bad_minutes')
);
const RepeatFields = {
	time: LocalTimeSchema,
	minutes: ActivityMinutesSchema,
	from: LocalDateSchema,
	until: v.nullable(LocalDateSchema),
	except: v.pipe(v.array(LocalDateSchema), v.maxLength(60))
};

export const ScheduleSchema = v.pipe(
	v.variant(
		'kind',
		[
			v.strictObject({
				kind: v.literal('once'),
				date: LocalDateSchema,
				time: LocalTimeSchema,
				minutes: ActivityMinutesSchema
			}),
			v.strictObject({
				kind: v.literal('monthly'),
				day: v.pipe(v.number(), v.integer(), v.minValue(1, 'bad_day'), v.maxValue(31, 'bad_day')),
				...RepeatFields
			}),
			v.strictObject({
				kind: v.literal('weekly'),
				days: v.pipe(v.array(WeekdaySchema), v.minLength(1, 'bad_days'), v.maxLength(7)),
				...RepeatFields
			})
		],
		'bad_schedule'
	),
	v.check((s) => s.kind === 'once' || s.until === null || s.until >= s.from, 'until_before_from')
);
export type ScheduleInput = v.InferOutput<typeof ScheduleSchema>;

const ShortText = (max: number, min = 0) =>
	v.pipe(
		v.string('bad_text'),
		v.trim(),
		v.minLength(min, 'text_required'),
		v.maxLength(max, 'text_too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	);

/** The desk's activity editor. */
export const ActivityInputSchema = v.strictObject({
	title: ShortText(40, 1),
	description: ShortText(300),
	place: ShortText(40),
	/** What is offered: 农技, 维修, 助学, 义诊 … */
	services: v.pipe(v.array(ShortText(8, 1)), v.maxLength(8, 'too_many_services')),
	schedule: ScheduleSchema,
	capacity: v.nullable(
		v.pipe(v.number(), v.integer(), v.minValue(1, 'bad_capacity'), v.maxValue(1000, 'bad_capacity'))
	),
	active: v.boolean()
});
export type ActivityInput = v.InferOutput<typeof ActivityInputSchema>;

export const ActivityListRequestSchema = v.strictObject({
	days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)), 14)
});

/** One activity as the kiosk's 近期活动 screen shows it, with its dates in the window asked for. */
export interface UpcomingActivity {
	id: number;
	title: string;
	description: string;
	place: string;
	services: string[];
	/** "每月15日 09:00", "周一至周五 16:30" … */
	when: string;
	/** Whether it repeats (the rule is then worth showing beside the next date). */
	recurring: boolean;
	/** Places per date; null when there is no sign-up (just come). */
	capacity: number | null;
	occurrences: { date: string; start: number; end: number; taken: number }[];
}

/** A resident signs up at the kiosk: name and phone, for one date of one activity. */
export const SignupSchema = v.strictObject({
	activityId: IdSchema,
	date: LocalDateSchema,
	name: v.pipe(
		v.string('name_required'),
		v.trim(),
		v.minLength(1, 'name_required'),
		v.maxLength(MAX_NAME, 'name_too_long'),
		v.regex(SAFE_TEXT, 'name_bad_characters')
	),
	phone: v.pipe(v.string('bad_phone'), v.regex(/^\d{7,12}$/, 'bad_phone'))
});
export type Signup = v.InferOutput<typeof SignupSchema>;

/** What the sign-up slip prints: no full name or phone, in case the slip is lost. */
export interface SignupReceipt {
	signupId: number;
	slipCode: string;
	title: string;
	place: string;
	date: string;
	start: number;
	end: number;
	maskedName: string;
	phoneLast4: string;
	/** This phone was already signed up for this date: the same place, not a second one. */
	already: boolean;
	placesLeft: number | null;
}

/** Broadcast when an activity or its places left change; kiosks showing the list refetch it. */
export interface ActivityChanged {
	activityId: number;
	seq: number;
}

/** Requests that carry nothing (station:view, station:visit): an empty object, nothing else. */
export const NoPayloadSchema = v.strictObject({});

/** "WX" is the phone page's ticket prefix (/w/<site>, the WeChat-group channel); the hub numbers them. */
export const PHONE_TICKET_PREFIX = 'WX';

/** A wish from a phone: like a kiosk's, but the hub makes its id, ticket and codes. */
export const PhoneWishSchema = v.pipe(
	v.strictObject({
		kind: KindSchema,
		category: CategorySchema,
		text: WishTextSchema,
		voice: v.nullable(VoiceSchema),
		contactName: ContactNameSchema,
		contactPhone: ContactPhoneSchema
	}),
	v.check((w) => w.text.trim().length > 0 || w.voice !== null, 'empty_wish')
);
export type PhoneWish = v.InferOutput<typeof PhoneWishSchema>;

/** What the phone page gets back: the ticket, and the track link in place of a printed slip. */
export interface PhoneReceipt {
	id: string;
	ticketNo: string;
	trackUrl: string;
	createdAt: number;
}
