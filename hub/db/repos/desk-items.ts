/**
 * The desk's read side: items with everything staff may see (resident contact included), the
 * full event history with who acted, duplicates and the figures' raw rows. Writes to wishes go
 * through hub/services/wishes.ts only.
 */
import type { DeskItem, DeskTimelineEntry } from '../../../shared/schemas/desk.ts';
import type { FigureItem } from '../../../shared/domain/figures.ts';
import { CHAIN_TYPES, type ChainEvent } from '../../../shared/domain/field.ts';
import type { Query } from '../sqlite.ts';
import type { WishRow } from '../../store/wishes.ts';
import { wishById } from './wishes.ts';
import { type DeskItemsRepo } from '../../store/desk-items.ts';
import type { SqlRepo } from '../sql-repo.ts';

/** SQL for the display name behind an event actor ("staff:3", "member:DY001", "kiosk:2", …). */
function actorName(col: string): string {
	return `CASE
		WHEN ${col} LIKE 'staff:%' THEN coalesce((SELECT display_name FROM staff WHERE id = CAST(substr(${col}, 7) AS INTEGER)), ${col})
		WHEN ${col} LIKE 'member:%' THEN coalesce((SELECT display_name FROM members WHERE member_no = substr(${col}, 8)), ${col})
		WHEN ${col} LIKE 'kiosk:%' THEN coalesce((SELECT name FROM kiosks WHERE id = CAST(substr(${col}, 7) AS INTEGER)), ${col})
		ELSE ${col} END`;
}

interface DeskItemRow {
	id: string;
	site_slug: string;
	site_name: string;
	kind: DeskItem['kind'];
	category: DeskItem['category'];
	channel: DeskItem['channel'];
	text: string;
	voice_ms: number | null;
	contact_name: string;
	contact_phone: string;
	status: DeskItem['status'];
	urgent: number;
	ticket_no: string;
	claim_code: string;
	track_code: string;
	post_id: number | null;
	post_name: string | null;
	member_id: number | null;
	member_name: string | null;
	received_at: number;
	responded_at: number | null;
	resolved_at: number | null;
	reopened_at: number | null;
	printed_ticket: string | null;
	hop_step: 'check' | 'work' | null;
	hop_sent_at: number | null;
	hop_accepted_at: number | null;
	hop_worker_id: number | null;
	hop_worker_name: string | null;
	arrived_at: number | null;
	back_type: string | null;
	rating: number | null;
	rating_comment: string | null;
	reject_reason: string | null;
	merged_into: string | null;
	updated_at: number;
	last_type: string | null;
	last_actor: string | null;
	last_at: number | null;
	flags: string | null;
	seq: number;
}

const SELECT_ITEM = `SELECT w.id, s.slug AS site_slug, s.name AS site_name, w.kind, w.category, w.channel,
	w.text, w.voice_ms, w.contact_name, w.contact_phone, w.status, w.urgent, w.ticket_no, w.claim_code,
	w.track_code, w.post_id, p.name AS post_name, w.member_id, m.display_name AS member_name,
	w.received_at, w.responded_at, w.resolved_at,
	(SELECT max(r.at) FROM events r WHERE r.wish_id = w.id AND r.type = 'wish:reopened') AS reopened_at,
	(SELECT r.data ->> '$.printedTicket' FROM events r WHERE r.wish_id = w.id
		AND r.type = 'wish:submitted') AS printed_ticket,
	w.hop_step, w.hop_sent_at, w.hop_accepted_at, w.hop_worker_id, hw.display_name AS hop_worker_name,
	w.arrived_at,
	CASE WHEN w.status = 'open' THEN (SELECT r.type FROM events r WHERE r.wish_id = w.id
		AND r.type IN ('wish:reported', 'wish:handed_back', 'wish:released', 'wish:dispatched',
			'wish:claimed') ORDER BY r.seq DESC LIMIT 1) END AS back_type,
	w.rating, w.rating_comment, w.reject_reason, w.merged_into, w.updated_at,
	e.type AS last_type, ${actorName('e.actor')} AS last_actor, e.at AS last_at,
	(SELECT group_concat(f.reason) FROM desk_flags f WHERE f.wish_id = w.id AND f.cleared_at IS NULL) AS flags,
	w.seq
	FROM wishes w
	JOIN sites s ON s.id = w.site_id
	LEFT JOIN posts p ON p.id = w.post_id
	LEFT JOIN members m ON m.id = w.member_id
	LEFT JOIN members hw ON hw.id = w.hop_worker_id
	LEFT JOIN events e ON e.seq = w.seq`;

function toDeskItem(r: DeskItemRow): DeskItem {
	return {
		id: r.id,
		siteSlug: r.site_slug,
		siteName: r.site_name,
		kind: r.kind,
		category: r.category,
		channel: r.channel,
		text: r.text,
		voiceMs: r.voice_ms,
		contactName: r.contact_name,
		contactPhone: r.contact_phone,
		status: r.status,
		urgent: r.urgent === 1,
		ticketNo: r.ticket_no,
		claimCode: r.claim_code,
		trackCode: r.track_code,
		postId: r.post_id,
		postName: r.post_name,
		memberId: r.member_id,
		memberName: r.member_name,
		receivedAt: r.received_at,
		respondedAt: r.responded_at,
		resolvedAt: r.resolved_at,
		reopenedAt: r.reopened_at,
		printedTicket: r.printed_ticket,
		hop:
			r.hop_step !== null && r.hop_sent_at !== null
				? {
						step: r.hop_step,
						sentAt: r.hop_sent_at,
						acceptedAt: r.hop_accepted_at,
						workerId: r.hop_worker_id,
						workerName: r.hop_worker_name
					}
				: null,
		arrivedAt: r.arrived_at,
		backFromField:
			r.back_type === 'wish:reported'
				? 'findings'
				: r.back_type === 'wish:handed_back'
					? 'handed_back'
					: null,
		rating: r.rating,
		ratingComment: r.rating_comment,
		rejectReason: r.reject_reason,
		mergedInto: r.merged_into,
		updatedAt: r.updated_at,
		lastEvent: {
			type: r.last_type ?? '',
			actor: r.last_actor ?? '',
			at: r.last_at ?? r.updated_at
		},
		flags: r.flags ? [...new Set(r.flags.split(','))] : [],
		seq: r.seq
	};
}

export async function deskItemById(tx: Query, id: string): Promise<DeskItem | null> {
	const row = await tx.get<DeskItemRow>(`${SELECT_ITEM} WHERE w.id = ?`, [id]);
	return row ? toDeskItem(row) : null;
}

/** Everything not finished: the queue's raw material (it decides what needs attention). */
export async function unfinishedItems(tx: Query, limit = 2000): Promise<DeskItem[]> {
	const rows = await tx.all<DeskItemRow>(
		`${SELECT_ITEM} WHERE w.status NOT IN ('resolved', 'closed', 'rejected', 'merged')
		ORDER BY w.received_at LIMIT ?`,
		[limit]
	);
	return rows.map(toDeskItem);
}

export async function searchItems(tx: Query, q: string, limit = 100): Promise<DeskItem[]> {
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const rows = await tx.all<DeskItemRow>(
		`${SELECT_ITEM} WHERE w.ticket_no = ? COLLATE NOCASE OR w.text LIKE ? ESCAPE '\\'
			OR w.contact_name LIKE ? ESCAPE '\\' OR (length(?) >= 4 AND w.contact_phone LIKE ? ESCAPE '\\')
		ORDER BY w.received_at DESC LIMIT ?`,
		[q, like, like, q, like, limit]
	);
	return rows.map(toDeskItem);
}

export async function mergeCandidates(
	tx: Query,
	item: { id: string; siteSlug: string; category: string },
	since: number
): Promise<DeskItem[]> {
	const rows = await tx.all<DeskItemRow>(
		`${SELECT_ITEM} WHERE s.slug = ? AND w.category = ? AND w.id != ? AND w.received_at >= ?
			AND w.status NOT IN ('rejected', 'merged', 'closed')
		ORDER BY w.received_at DESC LIMIT 50`,
		[item.siteSlug, item.category, item.id, since]
	);
	return rows.map(toDeskItem);
}

export async function timeline(tx: Query, wishId: string): Promise<DeskTimelineEntry[]> {
	const rows = await tx.all<{ seq: number; type: string; at: number; actor: string; data: string }>(
		`SELECT e.seq, e.type, e.at, ${actorName('e.actor')} AS actor, e.data
		FROM events e WHERE e.wish_id = ? ORDER BY e.seq`,
		[wishId]
	);
	return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

export function mergedFrom(
	tx: Query,
	wishId: string
): Promise<{ id: string; ticketNo: string; text: string }[]> {
	return tx.all(
		'SELECT id, ticket_no AS ticketNo, text FROM wishes WHERE merged_into = ? ORDER BY received_at',
		[wishId]
	);
}

/** WHERE terms for items received in [start, end), optionally of one site (s) and category. */
function receivedIn(
	range: { start: number; end: number },
	filter: { site?: string; category?: string }
): { where: string[]; params: (string | number)[] } {
	const where = ['w.received_at >= ?', 'w.received_at < ?'];
	const params: (string | number)[] = [range.start, range.end];
	if (filter.site) {
		where.push('s.slug = ?');
		params.push(filter.site);
	}
	if (filter.category) {
		where.push('w.category = ?');
		params.push(filter.category);
	}
	return { where, params };
}

export async function figureRows(
	tx: Query,
	range: { start: number; end: number },
	filter: { site?: string; category?: string }
): Promise<FigureItem[]> {
	const { where, params } = receivedIn(range, filter);
	const rows = await tx.all<{
		kind: FigureItem['kind'];
		category: FigureItem['category'];
		site: string;
		status: FigureItem['status'];
		urgent: number;
		received_at: number;
		responded_at: number | null;
		resolved_at: number | null;
		arrived_at: number | null;
		rating: number | null;
		contact_phone: string;
	}>(
		`SELECT w.kind, w.category, s.slug AS site, w.status, w.urgent, w.received_at, w.responded_at,
			w.resolved_at, w.arrived_at, w.rating, w.contact_phone
		FROM wishes w JOIN sites s ON s.id = w.site_id WHERE ${where.join(' AND ')}`,
		params
	);
	return rows.map((r) => ({
		kind: r.kind,
		category: r.category,
		site: r.site,
		status: r.status,
		urgent: r.urgent === 1,
		receivedAt: r.received_at,
		respondedAt: r.responded_at,
		resolvedAt: r.resolved_at,
		arrivedAt: r.arrived_at,
		rating: r.rating,
		person: r.contact_phone || null
	}));
}

/** Events that make the field chain's hops (field.ts), of reports received in the range. */
export async function chainEvents(
	tx: Query,
	range: { start: number; end: number },
	filter: { site?: string; category?: string }
): Promise<ChainEvent[]> {
	const { where, params } = receivedIn(range, filter);
	where.push("w.kind = 'report'");
	const types = CHAIN_TYPES.map(() => '?').join(', ');
	const rows = await tx.all<{ wish_id: string; type: string; at: number; data: string }>(
		`SELECT e.wish_id, e.type, e.at, e.data FROM events e
		JOIN wishes w ON w.id = e.wish_id JOIN sites s ON s.id = w.site_id
		WHERE ${where.join(' AND ')} AND e.type IN (${types}) ORDER BY e.seq`,
		[...params, ...CHAIN_TYPES]
	);
	return rows.map((r) => ({
		wishId: r.wish_id,
		type: r.type,
		at: r.at,
		data: JSON.parse(r.data) as Record<string, unknown>
	}));
}

export async function exportItems(
	tx: Query,
	range: { start: number; end: number },
	filter: { site?: string; category?: string }
): Promise<DeskItem[]> {
	const { where, params } = receivedIn(range, filter);
	const rows = await tx.all<DeskItemRow>(
		`${SELECT_ITEM} WHERE ${where.join(' AND ')} ORDER BY w.received_at`,
		params
	);
	return rows.map(toDeskItem);
}

export async function survivorOf(tx: Query, row: WishRow): Promise<WishRow> {
	let current = row;
	for (let depth = 0; depth < 10 && current.status === 'merged'; depth++) {
		const link = await tx.get<{ merged_into: string | null }>(
			'SELECT merged_into FROM wishes WHERE id = ?',
			[current.id]
		);
		const next = link?.merged_into ? await wishById(tx, link.merged_into) : undefined;
		if (!next) break;
		current = next;
	}
	return current;
}

export const deskItemsRepo: SqlRepo<DeskItemsRepo> = {
	deskItemById,
	unfinishedItems,
	searchItems,
	mergeCandidates,
	timeline,
	mergedFrom,
	figureRows,
	chainEvents,
	exportItems,
	survivorOf
};
