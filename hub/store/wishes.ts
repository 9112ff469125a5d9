import type { CategoryId } from '../../shared/domain/categories.ts';
import { maskName } from '../../shared/domain/privacy.ts';
import type { WishKind, WishStatus } from '../../shared/domain/wish.ts';
import type { PublicWish } from '../../shared/schemas/wishes.ts';

export type Channel = 'kiosk' | 'phone' | 'desk';

export interface NewWish {
	id: string;
	siteId: number;
	kioskId: number | null;
	channel: Channel;
	kind: WishKind;
	category: CategoryId;
	text: string;
	voiceMs: number | null;
	voiceMime: string | null;
	contactName: string;
	contactPhone: string;
	ticketNo: string;
	claimCode: string;
	trackCode: string;
	createdAt: number;
	receivedAt: number;
	/** The seq of its submitted event. */
	seq: number;
}

/** The keys a new wish must not share with a stored one. */
export type WishKeys = Pick<NewWish, 'id' | 'ticketNo' | 'claimCode' | 'trackCode'>;

/** A wish with what its public projection needs joined in. */
export interface WishRow {
	id: string;
	site_id: number;
	site_slug: string;
	kiosk_id: number | null;
	channel: Channel;
	kind: WishKind;
	category: CategoryId;
	text: string;
	voice_ms: number | null;
	contact_name: string;
	contact_phone: string;
	ticket_no: string;
	claim_code: string;
	track_code: string;
	status: WishStatus;
	member_id: number | null;
	member_name: string | null;
	post_id: number | null;
	post_name: string | null;
	/** The hop the item is on (field chain), and which of the post's workers took it. */
	hop_step: 'check' | 'work' | null;
	hop_worker_id: number | null;
	created_at: number;
	received_at: number;
	updated_at: number;
	seq: number;
}

/** Columns a state change may set, besides status, updated_at and seq. */
export interface WishPatch {
	member_id?: number | null;
	post_id?: number | null;
	responded_at?: number | null;
	resolved_at?: number | null;
	rating?: number | null;
	rating_comment?: string | null;
	rated_at?: number | null;
	merged_into?: string | null;
	reject_reason?: string | null;
	urgent?: number;
	/** Desk triage may correct the category a resident picked. */
	category?: CategoryId;
	hop_step?: 'check' | 'work' | null;
	hop_sent_at?: number | null;
	hop_worker_id?: number | null;
	hop_accepted_at?: number | null;
	hop_alerted_at?: number | null;
	arrived_at?: number | null;
}

export function toPublicWish(row: WishRow): Omit<PublicWish, 'seq'> {
	return {
		id: row.id,
		siteSlug: row.site_slug,
		kind: row.kind,
		category: row.category,
		text: row.text,
		voiceMs: row.voice_ms,
		maskedName: maskName(row.contact_name),
		status: row.status,
		helperName: row.member_name ?? row.post_name ?? null,
		ticketNo: row.ticket_no,
		claimCode: row.claim_code,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export interface WishesRepo {
	wishById(id: string): Promise<WishRow | undefined>;
	wishesByIds(ids: readonly string[]): Promise<WishRow[]>;
	/** Stored wishes that share any key (id, ticket, claim or track code) with one of ws. */
	wishesSharingKeys(ws: readonly WishKeys[]): Promise<WishRow[]>;
	/** A wish by one of the codes printed on its slip (claim QR, track QR, ticket number). */
	wishByCode(
		column: 'claim_code' | 'track_code' | 'ticket_no',
		value: string
	): Promise<WishRow | undefined>;
	/** Writes new wishes, open; one that repeats a stored key fails the whole call. */
	insertWishes(ws: readonly NewWish[]): Promise<void>;
	/**
	 * Moves a wish from fromStatus to toStatus, recorded by the event numbered seq; false, with
	 * nothing written, when the wish is no longer in fromStatus (another change came first).
	 */
	updateWishState(
		id: string,
		fromStatus: WishStatus,
		toStatus: WishStatus,
		patch: WishPatch,
		at: number,
		seq: number
	): Promise<boolean>;
	/** A later event of the same change (a follow-up) moves the wish's seq on. */
	setWishSeq(id: string, seq: number): Promise<void>;
	/** What the wall shows: everything live, and what was finished in the last 30 days. */
	wallWishes(siteId: number, now: number, limit?: number): Promise<WishRow[]>;
	/** What a member holds now, and what they finished in the last 30 days. */
	memberWishes(memberId: number, now: number): Promise<WishRow[]>;
	/** Micro-wishes of a site still waiting for a helper, oldest first (they have waited longest). */
	waitingWishesAt(siteId: number, limit?: number): Promise<WishRow[]>;
	/** Wishes a member holds in one of `statuses` whose last change is at or before `cutoff`. */
	staleMemberClaims(
		statuses: readonly WishStatus[],
		cutoff: number
	): Promise<{ id: string; member_id: number; updated_at: number }[]>;
}
