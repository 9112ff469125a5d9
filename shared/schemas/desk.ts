/**
 * The command-center desk: staff, triage and dispatch commands, administration and figures.
 * Desk pages turn form fields into these shapes; the hub validates every one again.
 */
import * as v from 'valibot';
import { HOP_STEPS, type HopStep } from '../domain/field.ts';
import { DEFAULT_ONSITE_HOURS, type SlaPolicy } from '../domain/sla.ts';
import {
	SAFE_TEXT,
	MAX_TEXT,
	WishIdSchema,
	TicketPrefixSchema,
	KindSchema,
	CategorySchema,
	type StatusSchema,
	ContactNameSchema,
	ContactPhoneSchema,
	PHONE_TICKET_PREFIX
} from './wishes.ts';

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
	/** To a post: for an on-site check (核实) first, or straight for the work. */
	step: v.optional(v.picklist(HOP_STEPS, 'bad_step'), 'work'),
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
/** 收回: the desk takes an item back from the post or member holding it, with a reason. */
export const DeskRecallSchema = v.strictObject({
	wishId: WishIdSchema,
	reason: RequiredDeskTextSchema
});
export type DeskRecall = v.InferOutput<typeof DeskRecallSchema>;
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
		/** Receipt → a worker on site, when not urgent (urgent: 2 h). */
		onsiteHours: v.optional(HoursSchema(0.5, 720), DEFAULT_ONSITE_HOURS),
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

const MinutesSchema = (min: number, max: number) =>
	v.pipe(
		v.number('bad_minutes'),
		v.integer('bad_minutes'),
		v.minValue(min, 'minutes_out_of_range'),
		v.maxValue(max, 'minutes_out_of_range')
	);

export const DeskSettingsSchema = v.pipe(
	v.strictObject({
		escalationHours: HoursSchema(0.25, 720),
		autoReleaseHours: HoursSchema(1, 2160),
		/** How long a post has to accept a hop before the desk is alerted (urgent, otherwise). */
		acceptUrgentMinutes: MinutesSchema(5, 24 * 60),
		acceptMinutes: MinutesSchema(5, 7 * 24 * 60)
	}),
	v.check((s) => s.acceptUrgentMinutes <= s.acceptMinutes, 'urgent_longer_than_normal')
);
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
	/** The ticket on the resident's slip, when the item came to carry another one. */
	printedTicket: string | null;
	/** The hop it is on (sent to postId), and who of the post took it. */
	hop: {
		step: HopStep;
		sentAt: number;
		acceptedAt: number | null;
		workerId: number | null;
		workerName: string | null;
	} | null;
	/** The first time a field worker stood on site. */
	arrivedAt: number | null;
	/** Back on the queue from the field: with findings (研判) or handed back; null otherwise. */
	backFromField: 'findings' | 'handed_back' | null;
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
	policies: Record<v.InferOutput<typeof CategorySchema>, SlaPolicy>;
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
