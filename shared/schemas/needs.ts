/**
 * 需求清单 · 你说我办 on the wire: what kiosks, phones and the desk send about shared needs, and what
 * walls, phones and the desk are shown. Contact details never appear here: a need is public.
 */
import * as v from 'valibot';
import {
	MONTH_PATTERN,
	NEED_CHANNELS,
	NEED_STATES,
	NEED_THEMES,
	type NeedChannel,
	type NeedState,
	type NeedTheme
} from '../domain/needs.ts';
import { DATE_PATTERN } from '../domain/figures.ts';
import { SiteSlugSchema } from './desk.ts';
import { SAFE_TEXT, VoiceSchema, WishIdSchema } from './wishes.ts';

/** A suggestion is short: one need, said in a sentence or two. */
export const MAX_NEED_TEXT = 200;

const Text = (max: number, min = 0, code = 'text_too_long') =>
	v.pipe(
		v.string('bad_text'),
		v.trim(),
		v.minLength(min, 'required'),
		v.maxLength(max, code),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	);

const RowId = v.pipe(v.number('bad_id'), v.integer('bad_id'), v.minValue(1, 'bad_id'));

export const NeedThemeSchema = v.picklist(NEED_THEMES, 'bad_theme');
export const NeedStateSchema = v.picklist(NEED_STATES, 'bad_state');
export const NeedChannelSchema = v.picklist(NEED_CHANNELS, 'bad_channel');

/**
 * A suggestion from a kiosk: text, a voice clip (uploaded to /api/voice/<id> like a wish's), or
 * both. The id is the kiosk's own, so a resend after a lost answer finds the first one.
 */
export const KioskSuggestSchema = v.pipe(
	v.strictObject({
		id: WishIdSchema,
		theme: NeedThemeSchema,
		text: Text(MAX_NEED_TEXT),
		voice: v.nullable(VoiceSchema)
	}),
	v.check((s) => s.text.length > 0 || s.voice !== null, 'text_or_voice')
);
export type KioskSuggest = v.InferOutput<typeof KioskSuggestSchema>;

/** A suggestion from the phone page /w/<site>: text only. */
export const PhoneSuggestSchema = v.strictObject({
	theme: NeedThemeSchema,
	text: Text(MAX_NEED_TEXT, 2)
});
export type PhoneSuggest = v.InferOutput<typeof PhoneSuggestSchema>;

/** "我也需要" from a kiosk or a phone. */
export const NeedVoteSchema = v.strictObject({ needId: RowId });
export type NeedVote = v.InferOutput<typeof NeedVoteSchema>;

/** One suggestion the desk types in (a letter, a phone call): it counts as one resident. */
export const DeskSuggestSchema = v.strictObject({
	siteSlug: SiteSlugSchema,
	...PhoneSuggestSchema.entries
});
export type DeskSuggest = v.InferOutput<typeof DeskSuggestSchema>;

/** One suggestion raised at a 座谈会, with how many attendees raised it. */
export const MeetingSuggestionSchema = v.strictObject({
	theme: NeedThemeSchema,
	text: Text(MAX_NEED_TEXT, 2),
	people: v.pipe(
		v.number('bad_people'),
		v.integer('bad_people'),
		v.minValue(1, 'bad_people'),
		v.maxValue(1000, 'bad_people')
	),
	/** Raised again: counts go to this existing need of the same site instead of a new one. */
	needId: v.nullable(RowId)
});
export type MeetingSuggestion = v.InferOutput<typeof MeetingSuggestionSchema>;

/** A residents' meeting (座谈会): when, where, how many came, and what they raised. */
export const MeetingInputSchema = v.pipe(
	v.strictObject({
		siteSlug: SiteSlugSchema,
		heldOn: v.pipe(v.string('bad_date'), v.regex(DATE_PATTERN, 'bad_date')),
		title: Text(40, 2),
		attendees: v.pipe(
			v.number('bad_attendees'),
			v.integer('bad_attendees'),
			v.minValue(1, 'bad_attendees'),
			v.maxValue(1000, 'bad_attendees')
		),
		suggestions: v.pipe(
			v.array(MeetingSuggestionSchema),
			v.minLength(1, 'no_suggestions'),
			v.maxLength(30, 'too_many_suggestions')
		)
	}),
	v.check((m) => m.suggestions.every((s) => s.people <= m.attendees), 'more_people_than_attendees')
);
export type MeetingInput = v.InferOutput<typeof MeetingInputSchema>;

/** The desk writes a need up (a voice-only one, or a clumsy first sentence). */
export const NeedEditSchema = v.strictObject({
	needId: RowId,
	theme: NeedThemeSchema,
	title: Text(MAX_NEED_TEXT, 2)
});
export type NeedEdit = v.InferOutput<typeof NeedEditSchema>;

export const NeedAdoptSchema = v.strictObject({
	needId: RowId,
	plan: Text(300, 2),
	owner: Text(40, 1),
	targetMonth: v.pipe(v.string('bad_month'), v.regex(MONTH_PATTERN, 'bad_month'))
});
export type NeedAdopt = v.InferOutput<typeof NeedAdoptSchema>;

export const NeedStartSchema = v.strictObject({ needId: RowId });

/** 已完成: a sentence residents read; the photo comes as bytes beside it (a form upload). */
export const NeedFinishSchema = v.strictObject({ needId: RowId, note: Text(200, 2) });
export type NeedFinish = v.InferOutput<typeof NeedFinishSchema>;

export const NeedDeclineSchema = v.strictObject({ needId: RowId, reason: Text(200, 2) });
export type NeedDecline = v.InferOutput<typeof NeedDeclineSchema>;

/** Folds needId into intoId (same site): its asks, voices and +1s count there from now on. */
export const NeedMergeSchema = v.pipe(
	v.strictObject({ needId: RowId, intoId: RowId }),
	v.check((m) => m.needId !== m.intoId, 'merge_into_itself')
);
export type NeedMerge = v.InferOutput<typeof NeedMergeSchema>;

/** What the need became: a station service or an activity of its site (null: unlink). */
export const NeedLinkSchema = v.strictObject({
	needId: RowId,
	link: v.nullable(
		v.strictObject({ kind: v.picklist(['service', 'activity'], 'bad_link'), id: RowId })
	)
});
export type NeedLink = v.InferOutput<typeof NeedLinkSchema>;

export const NeedFilterSchema = v.strictObject({
	siteSlug: v.optional(SiteSlugSchema),
	state: v.optional(NeedStateSchema),
	theme: v.optional(NeedThemeSchema)
});
export type NeedFilter = v.InferOutput<typeof NeedFilterSchema>;

export interface NeedLinkView {
	kind: 'service' | 'activity';
	id: number;
	name: string;
}

/** A need as residents see it on the wall and the phone page. */
export interface PublicNeed {
	id: number;
	siteSlug: string;
	theme: NeedTheme;
	/** '' while a voice-only suggestion waits for the desk to write it up. */
	title: string;
	hasVoice: boolean;
	state: NeedState;
	/** Residents who asked: each ask's people plus every +1. */
	count: number;
	firstAskedAt: number;
	adoptedAt: number | null;
	startedAt: number | null;
	doneAt: number | null;
	declinedAt: number | null;
	plan: string | null;
	owner: string | null;
	targetMonth: string | null;
	doneNote: string | null;
	/** Path of the done photo (public once the need is done), or null. */
	donePhotoUrl: string | null;
	declineReason: string | null;
	link: NeedLinkView | null;
	/** The station event that last changed the need: a wall keeps the newer of two copies. */
	seq: number;
}

/** A site's needs for its walls and phone page. */
export interface NeedsView {
	siteSlug: string;
	siteName: string;
	/** 收集中, most asked first. */
	open: PublicNeed[];
	/** 你说我办: in progress, adopted, then done (latest first; done within the last year). */
	board: PublicNeed[];
	/** 暂不采纳 within the last 90 days, with the reason. */
	declined: PublicNeed[];
	rules: { kioskGapSeconds: number; kioskDailyCap: number };
	/** On the phone page only: needs this phone already counted on (its +1s and suggestions). */
	mine?: number[];
}

/** What a kiosk gets back for "我也需要". */
export interface NeedVoteReceipt {
	needId: number;
	count: number;
}

/** One ask as the desk sees it: where it came from, the words or the clip. */
export interface DeskNeedAsk {
	id: string;
	channel: NeedChannel;
	text: string;
	people: number;
	/** /api/voice/<id>?code=… when the ask has a clip. */
	voiceUrl: string | null;
	voiceMs: number | null;
	meeting: { id: number; title: string; heldOn: string } | null;
	receivedAt: number;
}

export interface DeskNeed extends PublicNeed {
	/** Residents who asked, by channel (kiosk/phone count asks and +1s; desk and meeting asks). */
	byChannel: Record<NeedChannel, number>;
	asks: DeskNeedAsk[];
	/** Needs merged into this one. */
	merged: { id: number; title: string }[];
	mergedInto: number | null;
}

export interface DeskMeeting {
	id: number;
	siteSlug: string;
	title: string;
	heldOn: string;
	attendees: number;
	suggestions: number;
	createdAt: number;
}

/** What a need's change tells walls and desks ('need:changed'). */
export interface NeedChanged {
	needId: number;
	siteSlug: string;
	seq: number;
}

export type { NeedChannel, NeedState, NeedTheme };
