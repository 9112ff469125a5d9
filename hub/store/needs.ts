/** Shared needs (需求清单), their asks and +1s, and residents' meetings (migration 0016). */
import type { NeedChannel, NeedState, NeedTheme } from '../../shared/domain/needs.ts';

export interface NeedRow {
	id: number;
	site_id: number;
	site_slug: string;
	site_name: string;
	theme: NeedTheme;
	title: string;
	state: NeedState;
	merged_into: number | null;
	plan: string | null;
	owner: string | null;
	target_month: string | null;
	done_note: string | null;
	done_photo: string | null;
	done_photo_mime: string | null;
	decline_reason: string | null;
	service_id: number | null;
	service_name: string | null;
	activity_id: number | null;
	activity_title: string | null;
	first_asked_at: number;
	adopted_at: number | null;
	started_at: number | null;
	done_at: number | null;
	declined_at: number | null;
	seq: number;
	/** Each ask's people plus every +1. */
	asked: number;
	has_voice: 0 | 1;
}

export interface NeedAskRow {
	id: string;
	need_id: number;
	channel: NeedChannel;
	kiosk_id: number | null;
	text: string;
	people: number;
	voice_ms: number | null;
	voice_mime: string | null;
	listen_code: string;
	received_at: number;
	meeting_id: number | null;
	meeting_title: string | null;
	meeting_held_on: string | null;
}

export interface NewAsk {
	id: string;
	needId: number;
	siteId: number;
	channel: NeedChannel;
	kioskId: number | null;
	meetingId: number | null;
	text: string;
	people: number;
	voiceMs: number | null;
	voiceMime: string | null;
	listenCode: string;
	/** A phone's suggestion: the hash of its key, so the same phone cannot +1 it as well. */
	phoneKey?: string | null;
	at: number;
}

/** Columns a desk move may set on a need. */
export type NeedFields = Pick<
	NeedRow,
	| 'theme'
	| 'title'
	| 'state'
	| 'merged_into'
	| 'plan'
	| 'owner'
	| 'target_month'
	| 'done_note'
	| 'done_photo'
	| 'done_photo_mime'
	| 'decline_reason'
	| 'service_id'
	| 'activity_id'
	| 'first_asked_at'
	| 'adopted_at'
	| 'started_at'
	| 'done_at'
	| 'declined_at'
	| 'seq'
>;

export interface MeetingRow {
	id: number;
	site_id: number;
	site_slug: string;
	title: string;
	held_on: string;
	attendees: number;
	suggestions: number;
	created_at: number;
}

export interface NeedFigureDbRow {
	id: number;
	title: string;
	site_slug: string;
	theme: NeedTheme;
	state: NeedState;
	asked: number;
	first_asked_at: number;
	adopted_at: number | null;
	done_at: number | null;
}

export interface NeedListFilter {
	siteId?: number;
	states?: readonly NeedState[];
	theme?: NeedTheme;
	/** Only needs whose latest change (adopted, done, declined…) is at or after this time. */
	changedSince?: number;
}

export interface NeedsRepo {
	insertNeed(n: { siteId: number; theme: NeedTheme; title: string; at: number }): Promise<number>;
	needById(id: number): Promise<NeedRow | undefined>;
	listNeeds(filter: NeedListFilter): Promise<NeedRow[]>;
	updateNeed(id: number, fields: Partial<NeedFields>, at: number): Promise<void>;
	insertAsk(a: NewAsk): Promise<void>;
	askById(id: string): Promise<NeedAskRow | undefined>;
	asksOf(needId: number): Promise<NeedAskRow[]>;
	/** Counted, or false when this phone already has a +1 on the need. */
	insertVote(v: {
		needId: number;
		channel: 'kiosk' | 'phone';
		kioskId: number | null;
		phoneKey: string | null;
		day: string;
		at: number;
	}): Promise<boolean>;
	lastKioskVoteAt(needId: number, kioskId: number): Promise<number | null>;
	/** Whether this phone (its key's hash) raised the need itself. */
	phoneRaised(needId: number, phoneKey: string): Promise<boolean>;
	/** The needs of a site this phone has counted on: its +1s and its own suggestions. */
	phoneCounted(siteId: number, phoneKey: string): Promise<number[]>;
	kioskVotesOn(kioskId: number, day: string): Promise<number>;
	/** +1s by channel (kiosk, phone) and asks' people by channel. */
	countsByChannel(needId: number): Promise<Record<NeedChannel, number>>;
	/** Moves asks and +1s to another need; a phone's +1 already there stays behind (one per need). */
	moveAsksAndVotes(fromId: number, toId: number): Promise<void>;
	mergedInto(id: number): Promise<{ id: number; title: string }[]>;
	insertMeeting(m: {
		siteId: number;
		title: string;
		heldOn: string;
		attendees: number;
		staffId: number | null;
		at: number;
	}): Promise<number>;
	meetings(siteId: number | null): Promise<MeetingRow[]>;
	/** The need each of a site's services and activities came from, by their ids. */
	linkedNeeds(
		kind: 'service' | 'activity',
		ids: readonly number[]
	): Promise<Map<number, { id: number; title: string }>>;
	figureRows(start: number, end: number): Promise<NeedFigureDbRow[]>;
}
