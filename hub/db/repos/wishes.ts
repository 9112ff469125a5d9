import type { WishStatus } from '../../../shared/domain/wish.ts';
import { chunks, type Param, type Query } from '../sqlite.ts';
import type { NewWish, WishKeys, WishPatch, WishRow, WishesRepo } from '../../store/wishes.ts';
import type { SqlRepo } from '../sql-repo.ts';

const SELECT_ROW = `SELECT w.id, w.site_id, s.slug AS site_slug, w.kiosk_id, w.channel, w.kind, w.category,
	w.text, w.voice_ms, w.contact_name, w.contact_phone, w.ticket_no, w.claim_code, w.track_code,
	w.status, w.member_id, m.display_name AS member_name, w.post_id, p.name AS post_name,
	w.hop_step, w.hop_worker_id, w.created_at, w.received_at, w.updated_at, w.seq
	FROM wishes w
	JOIN sites s ON s.id = w.site_id
	LEFT JOIN members m ON m.id = w.member_id
	LEFT JOIN posts p ON p.id = w.post_id`;

const WISH_COLUMNS = `id, site_id, kiosk_id, channel, kind, category, text, voice_ms, voice_mime,
	contact_name, contact_phone, ticket_no, claim_code, track_code, status, created_at, received_at,
	updated_at, seq`;
const WISH_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)";
const WISH_PARAMS = 18;

/** A new wish in WISH_COLUMNS' order (status is always 'open'; updated_at starts as received_at). */
function wishParams(w: NewWish): Param[] {
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
		w.receivedAt,
		w.receivedAt,
		w.seq
	];
}

export async function insertWishes(tx: Query, ws: readonly NewWish[]): Promise<void> {
	for (const part of chunks(ws, WISH_PARAMS)) {
		await tx.run(
			`INSERT INTO wishes (${WISH_COLUMNS}) VALUES ${part.map(() => WISH_VALUES).join(', ')}`,
			part.flatMap(wishParams)
		);
	}
}

export async function wishesSharingKeys(tx: Query, ws: readonly WishKeys[]): Promise<WishRow[]> {
	const found = new Map<string, WishRow>();
	// Four keys per wish; each IN list is served by its own unique index.
	for (const part of chunks(ws, 4)) {
		const list = `(${part.map(() => '?').join(', ')})`;
		const rows = await tx.all<WishRow>(
			`${SELECT_ROW} WHERE w.id IN ${list} OR w.ticket_no IN ${list}
			OR w.claim_code IN ${list} OR w.track_code IN ${list}`,
			[
				...part.map((w) => w.id),
				...part.map((w) => w.ticketNo),
				...part.map((w) => w.claimCode),
				...part.map((w) => w.trackCode)
			]
		);
		for (const r of rows) found.set(r.id, r);
	}
	return [...found.values()];
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

export async function updateWishState(
	tx: Query,
	id: string,
	fromStatus: WishStatus,
	toStatus: WishStatus,
	patch: WishPatch,
	at: number,
	seq: number
): Promise<boolean> {
	const keys = Object.keys(patch) as (keyof WishPatch)[];
	const sets = ['status = ?', 'updated_at = ?', 'seq = ?', ...keys.map((k) => `${k} = ?`)];
	const values = [toStatus, at, seq, ...keys.map((k) => patch[k] ?? null)];
	// The status guard makes the change conditional: of two racing actors, only one matches.
	const r = await tx.run(`UPDATE wishes SET ${sets.join(', ')} WHERE id = ? AND status = ?`, [
		...values,
		id,
		fromStatus
	]);
	return r.changes === 1;
}

export async function setWishSeq(tx: Query, id: string, seq: number): Promise<void> {
	await tx.run('UPDATE wishes SET seq = ? WHERE id = ?', [seq, id]);
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

export function wishByCode(
	tx: Query,
	column: 'claim_code' | 'track_code' | 'ticket_no',
	value: string
): Promise<WishRow | undefined> {
	return tx.get<WishRow>(`${SELECT_ROW} WHERE w.${column} = ?`, [value]);
}

export function memberWishes(tx: Query, memberId: number, now: number): Promise<WishRow[]> {
	return tx.all<WishRow>(
		`${SELECT_ROW} WHERE w.member_id = ?
		AND (w.status NOT IN ('resolved', 'closed') OR w.updated_at >= ?)
		ORDER BY w.updated_at DESC LIMIT 100`,
		[memberId, now - 30 * 86400_000]
	);
}

export function waitingWishesAt(tx: Query, siteId: number, limit = 50): Promise<WishRow[]> {
	return tx.all<WishRow>(
		`${SELECT_ROW} WHERE w.site_id = ? AND w.kind = 'wish' AND w.status IN ('open', 'reopened')
		ORDER BY w.received_at LIMIT ?`,
		[siteId, limit]
	);
}

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

export const wishesRepo: SqlRepo<WishesRepo> = {
	wishById,
	wishesByIds,
	wishesSharingKeys,
	wishByCode,
	insertWishes,
	updateWishState,
	setWishSeq,
	wallWishes,
	memberWishes,
	waitingWishesAt,
	staleMemberClaims
};
