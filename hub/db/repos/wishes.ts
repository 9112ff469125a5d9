import type { CategoryId } from '../../../shared/domain/categories.ts';
import { maskName } from '../../../shared/domain/privacy.ts';
import type { WishKind, WishStatus } from '../../../shared/domain/wish.ts';
import type { PublicWish, SiteCounters } from '../../../shared/schemas/wishes.ts';
import { chunks, type Param, type Query, type Tx } from '../sqlite.ts';

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
}

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
	created_at: number;
	received_at: number;
	updated_at: number;
	seq: number;
}

const SELECT_ROW = `SELECT w.id, w.site_id, s.slug AS site_slug, w.kiosk_id, w.channel, w.kind, w.category,
	w.text, w.voice_ms, w.contact_name, w.contact_phone, w.ticket_no, w.claim_code, w.track_code,
	w.status, w.member_id, m.display_name AS member_name, w.post_id, p.name AS post_name,
	w.created_at, w.received_at, w.updated_at, w.seq
	FROM wishes w
	JOIN sites s ON s.id = w.site_id
	LEFT JOIN members m ON m.id = w.member_id
	LEFT JOIN posts p ON p.id = w.post_id`;

const WISH_COLUMNS = `id, site_id, kiosk_id, channel, kind, category, text, voice_ms, voice_mime,
	contact_name, contact_phone, ticket_no, claim_code, track_code, status, created_at, received_at, updated_at`;
const WISH_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)";
const WISH_PARAMS = 17;

/** A new wish's own fields in WISH_COLUMNS' order, without status (always 'open') and updated_at. */
export function newWishParams(w: NewWish): Param[] {
	return [
		w.id,
		w.siteId,
		w.kioskId,
		w.channel,
		w.kind,
		w.category,
		w.text,
		w.voiceMs,
		w.voiceMime,
		w.contactName,
		w.contactPhone,
		w.ticketNo,
		w.claimCode,
		w.trackCode,
		w.createdAt,
		w.receivedAt
	];
}

function wishParams(w: NewWish): Param[] {
	// updated_at starts as received_at.
	return [...newWishParams(w), w.receivedAt];
}

/** Inserts unless a wish with this id exists; returns whether a row was written. */
export async function insertWishIfAbsent(tx: Query, w: NewWish): Promise<boolean> {
	const r = await tx.run(
		`INSERT INTO wishes (${WISH_COLUMNS}) VALUES ${WISH_VALUES} ON CONFLICT (id) DO NOTHING`,
		wishParams(w)
	);
	return r.changes === 1;
}

/**
 * Inserts many wishes, skipping every one that collides with a stored row on any UNIQUE column
 * (its id: a replay; a ticket or code: a conflict); returns the ids written. Any other failure
 * (CHECK, foreign key) throws and writes none of them, as one statement would.
 */
export async function insertWishesIfAbsent(tx: Tx, ws: readonly NewWish[]): Promise<Set<string>> {
	const parts = chunks(ws, WISH_PARAMS);
	const insert = async (q: Query) => {
		const written = new Set<string>();
		for (const part of parts) {
			const rows = await q.all<{ id: string }>(
				`INSERT INTO wishes (${WISH_COLUMNS}) VALUES ${part.map(() => WISH_VALUES).join(', ')}
				ON CONFLICT DO NOTHING RETURNING id`,
				part.flatMap(wishParams)
			);
			for (const r of rows) written.add(r.id);
		}
		return written;
	};
	// SQLite undoes a failed statement, not the ones before it: several need a savepoint.
	return parts.length > 1 ? tx.savepoint(insert) : insert(tx);
}

export function wishById(tx: Query, id: string): Promise<WishRow | undefined> {
	return tx.get<WishRow>(`${SELECT_ROW} WHERE w.id = ?`, [id]);
}

export async function wishesByIds(tx: Query, ids: readonly string[]): Promise<WishRow[]> {
	const out: WishRow[] = [];
	for (const part of chunks(ids, 1)) {
		out.push(
			...(await tx.all<WishRow>(
				`${SELECT_ROW} WHERE w.id IN (${part.map(() => '?').join(', ')})`,
				part
			))
		);
	}
	return out;
}

/** Columns a state change may set, besides status and updated_at. */
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
}

export async function updateWishState(
	tx: Query,
	id: string,
	fromStatus: WishStatus,
	toStatus: WishStatus,
	patch: WishPatch,
	at: number
): Promise<boolean> {
	const keys = Object.keys(patch) as (keyof WishPatch)[];
	const sets = ['status = ?', 'updated_at = ?', ...keys.map((k) => `${k} = ?`)];
	const values = [toStatus, at, ...keys.map((k) => patch[k] ?? null)];
	// The status guard makes the change conditional: of two racing actors, only one matches.
	const r = await tx.run(`UPDATE wishes SET ${sets.join(', ')} WHERE id = ? AND status = ?`, [
		...values,
		id,
		fromStatus
	]);
	return r.changes === 1;
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

/** What the wall shows: everything live, and what was finished in the last 30 days. */
export function wallWishes(
	tx: Query,
	siteId: number,
	now: number,
	limit = 200
): Promise<WishRow[]> {
	return tx.all<WishRow>(
		`${SELECT_ROW} WHERE w.site_id = ? AND w.status NOT IN ('rejected', 'merged')
		AND (w.status NOT IN ('resolved', 'closed') OR w.updated_at >= ?)
		ORDER BY w.received_at DESC LIMIT ?`,
		[siteId, now - 30 * 86400_000, limit]
	);
}

/**
 * The wall's counters for a year: micro-wishes received in it (Asia/Shanghai), how many were
 * taken, how many done, with the figures' status lists (shared/domain/figures.ts). Kept by the
 * triggers of migration 0009 in the same transaction as each change, so this is one row read.
 */
export async function siteCounters(tx: Query, siteId: number, year: number): Promise<SiteCounters> {
	return (await siteCountersMany(tx, [siteId], year)).get(siteId)!;
}

/** siteCounters for several sites in one statement; a site with nothing counted gets zeros. */
export async function siteCountersMany(
	tx: Query,
	siteIds: readonly number[],
	year: number
): Promise<Map<number, SiteCounters>> {
	const out = new Map<number, SiteCounters>(
		siteIds.map((id) => [id, { year, wishes: 0, claimed: 0, fulfilled: 0 }])
	);
	for (const part of chunks(siteIds, 1)) {
		const rows = await tx.all<{
			site_id: number;
			wishes: number;
			claimed: number;
			fulfilled: number;
		}>(
			`SELECT site_id, wishes, claimed, fulfilled FROM site_counters
			WHERE year = ? AND site_id IN (${part.map(() => '?').join(', ')})`,
			[year, ...part]
		);
		for (const r of rows) {
			out.set(r.site_id, { year, wishes: r.wishes, claimed: r.claimed, fulfilled: r.fulfilled });
		}
	}
	return out;
}

/** A wish by one of the codes printed on its slip (claim QR, track QR, ticket number). */
export function wishByCode(
	tx: Query,
	column: 'claim_code' | 'track_code' | 'ticket_no',
	value: string
): Promise<WishRow | undefined> {
	return tx.get<WishRow>(`${SELECT_ROW} WHERE w.${column} = ?`, [value]);
}

/** What a member holds now, and what they finished in the last 30 days. */
export function memberWishes(tx: Query, memberId: number, now: number): Promise<WishRow[]> {
	return tx.all<WishRow>(
		`${SELECT_ROW} WHERE w.member_id = ?
		AND (w.status NOT IN ('resolved', 'closed') OR w.updated_at >= ?)
		ORDER BY w.updated_at DESC LIMIT 100`,
		[memberId, now - 30 * 86400_000]
	);
}

/** Micro-wishes of a site still waiting for a helper, oldest first (they have waited longest). */
export function waitingWishesAt(tx: Query, siteId: number, limit = 50): Promise<WishRow[]> {
	return tx.all<WishRow>(
		`${SELECT_ROW} WHERE w.site_id = ? AND w.kind = 'wish' AND w.status IN ('open', 'reopened')
		ORDER BY w.received_at LIMIT ?`,
		[siteId, limit]
	);
}

/** Wishes a member holds in one of `statuses` whose last change is at or before `cutoff`. */
export function staleMemberClaims(
	tx: Query,
	statuses: readonly WishStatus[],
	cutoff: number
): Promise<{ id: string; member_id: number; updated_at: number }[]> {
	return tx.all(
		`SELECT id, member_id, updated_at FROM wishes
		WHERE status IN (${statuses.map(() => '?').join(', ')}) AND member_id IS NOT NULL AND updated_at <= ?`,
		[...statuses, cutoff]
	);
}
