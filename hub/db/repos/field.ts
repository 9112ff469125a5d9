import type { FieldRepo, FieldRow, WaitingHop } from '../../store/field.ts';
import type { SqlRepo } from '../sql-repo.ts';
import type { Query } from '../sqlite.ts';

const SELECT_FIELD = `SELECT w.id, w.site_id, s.slug AS site_slug, s.name AS site_name, s.village,
	w.kiosk_id, w.channel, w.kind, w.category, w.text, w.voice_ms, w.contact_name, w.contact_phone,
	w.ticket_no, w.claim_code, w.track_code, w.status, w.urgent, w.member_id,
	m.display_name AS member_name, w.post_id, p.name AS post_name, w.hop_step, w.hop_worker_id,
	hw.display_name AS hop_worker_name, w.hop_sent_at, w.hop_accepted_at, w.arrived_at,
	coalesce((SELECT e.data ->> '$.note' FROM events e WHERE e.wish_id = w.id
		AND e.type = 'wish:dispatched' ORDER BY e.seq DESC LIMIT 1), '') AS desk_note,
	w.created_at, w.received_at, w.updated_at, w.seq
	FROM wishes w
	JOIN sites s ON s.id = w.site_id
	LEFT JOIN members m ON m.id = w.member_id
	LEFT JOIN posts p ON p.id = w.post_id
	LEFT JOIN members hw ON hw.id = w.hop_worker_id`;

export function fieldRow(tx: Query, wishId: string): Promise<FieldRow | undefined> {
	return tx.get<FieldRow>(`${SELECT_FIELD} WHERE w.id = ?`, [wishId]);
}

export function inbox(
	tx: Query,
	postIds: readonly number[],
	workerId: number,
	since: number
): Promise<FieldRow[]> {
	if (postIds.length === 0) return Promise.resolve([]);
	const posts = postIds.map(() => '?').join(', ');
	return tx.all<FieldRow>(
		`${SELECT_FIELD} WHERE w.post_id IN (${posts}) AND w.hop_step IS NOT NULL AND (
			(w.status IN ('dispatched', 'contacted', 'in_progress')
				AND (w.hop_worker_id IS NULL OR w.hop_worker_id = ?))
			OR (w.status IN ('resolved', 'closed') AND w.hop_worker_id = ? AND w.updated_at >= ?))
		ORDER BY w.hop_sent_at DESC LIMIT 200`,
		[...postIds, workerId, workerId, since]
	);
}

export function waitingHops(tx: Query): Promise<WaitingHop[]> {
	return tx.all<WaitingHop>(
		`SELECT w.id AS wish_id, w.site_id, w.ticket_no, w.post_id, p.name AS post_name, w.urgent,
			w.hop_sent_at
		FROM wishes w JOIN posts p ON p.id = w.post_id
		WHERE w.hop_worker_id IS NULL AND w.hop_sent_at IS NOT NULL AND w.hop_alerted_at IS NULL
			AND w.status = 'dispatched'`
	);
}

export async function markHopAlerted(
	tx: Query,
	wishId: string,
	sentAt: number,
	at: number
): Promise<boolean> {
	const r = await tx.run(
		`UPDATE wishes SET hop_alerted_at = ?
		WHERE id = ? AND hop_sent_at = ? AND hop_alerted_at IS NULL AND hop_worker_id IS NULL`,
		[at, wishId, sentAt]
	);
	return r.changes === 1;
}

export const fieldRepo: SqlRepo<FieldRepo> = { fieldRow, inbox, waitingHops, markHopAlerted };
