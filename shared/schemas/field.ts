/**
 * The field worker's phone (/f): what it shows of an item, and the commands it sends. Form fields
 * arrive as strings; the page turns them into these shapes and the hub checks them again.
 */
import * as v from 'valibot';
import type { HopStep } from '../domain/field.ts';
import {
	PhotoIdSchema,
	ProgressNoteSchema,
	ReleaseReasonSchema,
	ResolveNoteSchema
} from './members.ts';
import { SAFE_TEXT, WishIdSchema, type CategorySchema, type StatusSchema } from './wishes.ts';

/**
 * Every command names the item and the version of it the worker saw (its seq): acting on a view
 * that changed since is refused, so nobody fixes what the desk already took back.
 */
const Seen = {
	wishId: WishIdSchema,
	seq: v.pipe(v.number('stale'), v.integer('stale'), v.minValue(0, 'stale'))
};

export const FieldAcceptSchema = v.strictObject({ ...Seen });
export const FieldStartSchema = v.strictObject({ ...Seen, note: ProgressNoteSchema });

const Coordinate = (limit: number) =>
	v.pipe(
		v.number('bad_location'),
		v.minValue(-limit, 'bad_location'),
		v.maxValue(limit, 'bad_location')
	);

/** 已到场: a photo if taken, and the browser's location when the worker allowed it. */
export const FieldArriveSchema = v.strictObject({
	...Seen,
	photoId: v.optional(PhotoIdSchema),
	location: v.optional(
		v.strictObject({
			lat: Coordinate(90),
			lng: Coordinate(180),
			accuracyM: v.pipe(v.number('bad_location'), v.minValue(0, 'bad_location'))
		})
	),
	/** Why there is no location (refused, unavailable), in the phone's words. */
	locationNote: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.maxLength(100, 'note_too_long'),
			v.regex(SAFE_TEXT, 'text_bad_characters')
		)
	)
});

/** 现场情况 (back to the desk for 研判) and 已修好 / 已处理: what was found or done, a photo. */
export const FieldReportSchema = v.strictObject({
	...Seen,
	note: ResolveNoteSchema,
	photoId: v.optional(PhotoIdSchema)
});

export const FieldHandBackSchema = v.strictObject({ ...Seen, reason: ReleaseReasonSchema });

export type FieldAccept = v.InferOutput<typeof FieldAcceptSchema>;
export type FieldStart = v.InferOutput<typeof FieldStartSchema>;
export type FieldArrive = v.InferOutput<typeof FieldArriveSchema>;
export type FieldReport = v.InferOutput<typeof FieldReportSchema>;
export type FieldHandBack = v.InferOutput<typeof FieldHandBackSchema>;

/**
 * An item as a field worker sees it: 'new' (nobody of the post took it), 'mine' (I took it),
 * 'done' (I finished it lately). The resident's contact only on 'mine'.
 */
export interface FieldItem {
	wishId: string;
	seq: number;
	state: 'new' | 'mine' | 'done';
	ticketNo: string;
	/** The item's claim code: photos upload to /api/photos?c=<it> (taker only). */
	claimCode: string;
	category: v.InferOutput<typeof CategorySchema>;
	text: string;
	voiceMs: number | null;
	urgent: boolean;
	status: v.InferOutput<typeof StatusSchema>;
	siteName: string;
	village: string;
	postId: number;
	postName: string;
	step: HopStep;
	receivedAt: number;
	sentAt: number;
	acceptedAt: number | null;
	arrivedAt: number | null;
	/** What the desk wrote when it sent the item. */
	deskNote: string;
	contact: { name: string; phone: string } | null;
}

/** The worker's phone: who is signed in, and the items of their posts. */
export interface FieldInbox {
	worker: { displayName: string; memberNo: string; party: boolean; posts: string[] };
	items: FieldItem[];
}
