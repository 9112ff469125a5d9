/**
 * Wire schemas of the wish itself: what kiosks and phones submit, what walls receive, the
 * kiosk handshake and catch-up. Objects are strict: unknown keys are refused.
 */
import * as v from 'valibot';
import { CATEGORY_IDS, type CategoryId } from '../domain/categories.ts';
import { WISH_KINDS, WISH_STATUSES } from '../domain/wish.ts';
import {
	CODE_PATTERN,
	TICKET_PATTERN,
	TICKET_PREFIX_PATTERN,
	WISH_ID_PATTERN
} from '../domain/codes.ts';
import { MAX_VOICE_MS, VOICE_MIME_TYPES } from '../domain/voice.ts';

export { MAX_VOICE_MS, VOICE_MIME_TYPES } from '../domain/voice.ts';
export const MAX_TEXT = 500;
export const MAX_NAME = 20;
// Control characters and bidi overrides can disguise text on the desk; newline and tab are fine.
export const SAFE_TEXT = /^[^\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$/u;

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
		createdAt: v.pipe(v.number(), v.integer(), v.minValue(1_600_000_000_000)),
		/**
		 * The ticket printed on the resident's slip, when the kiosk had to number the wish again
		 * (its own number was taken): staff see both.
		 */
		printedTicket: v.optional(TicketSchema)
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

/**
 * One wish's answer in a batch. A refusal with `held` means the hub keeps the wish whole for
 * staff (a desk alert they can accept into the queue): the kiosk may let it go. Without `held`
 * the kiosk keeps it.
 */
export type BatchItemResult =
	| { id: string; ok: true; wish: PublicWish }
	| { id: string; ok: false; error: string; message: string; held?: boolean };

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
