/**
 * Members, claims, progress and ratings. Form fields arrive as strings; the pages turn them
 * into these shapes and the hub checks them again.
 */
import * as v from 'valibot';
import type { ChainStep } from '../domain/field.ts';
import {
	SAFE_TEXT,
	MAX_TEXT,
	CodeSchema,
	TicketSchema,
	type KindSchema,
	type CategorySchema,
	type StatusSchema
} from './wishes.ts';

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
	/** A problem report's field chain instead (已受理 → 网格员已到场 → 已派给… → 维修中 → 已修好). */
	chain: ChainStep[] | null;
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
