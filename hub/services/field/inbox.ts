/** What a field worker's phone lists: the items on their posts, the resident only once taken. */
import type { FieldInbox, FieldItem } from '../../../shared/schemas/field.ts';
import type { FieldRow } from '../../store/field.ts';
import type { Member } from '../members.ts';
import type { FieldDeps } from './deps.ts';

/** Finished items stay on the worker's list this long, so they see what they closed lately. */
const DONE_DAYS = 7;

function toItem(row: FieldRow, worker: Member): FieldItem {
	const mine = row.hop_worker_id === worker.id;
	const finished = row.status === 'resolved' || row.status === 'closed';
	return {
		wishId: row.id,
		seq: row.seq,
		state: finished ? 'done' : mine ? 'mine' : 'new',
		ticketNo: row.ticket_no,
		claimCode: row.claim_code,
		category: row.category,
		text: row.text,
		voiceMs: row.voice_ms,
		urgent: row.urgent === 1,
		status: row.status,
		siteName: row.site_name,
		village: row.village,
		postId: row.post_id!,
		postName: row.post_name ?? '',
		step: row.hop_step ?? 'work',
		receivedAt: row.received_at,
		sentAt: row.hop_sent_at ?? row.received_at,
		acceptedAt: row.hop_accepted_at,
		arrivedAt: row.arrived_at,
		deskNote: row.desk_note,
		// Only the worker who took it may call the resident, and only while it is open.
		contact: mine && !finished ? { name: row.contact_name, phone: row.contact_phone } : null
	};
}

export async function inbox(
	d: FieldDeps,
	token: string | null | undefined
): Promise<FieldInbox | null> {
	const worker = await d.members.authenticate(token);
	if (!worker) return null;
	const rows = await d.store.field.inbox(
		worker.posts.map((p) => p.id),
		worker.id,
		d.now() - DONE_DAYS * 86400_000
	);
	const items = rows.map((row) => toItem(row, worker));
	// Mine first (what I must do), then new ones, then done; urgent first within each.
	const order = { mine: 0, new: 1, done: 2 } as const;
	items.sort(
		(a, b) =>
			order[a.state] - order[b.state] || Number(b.urgent) - Number(a.urgent) || b.sentAt - a.sentAt
	);
	return {
		worker: {
			displayName: worker.displayName,
			memberNo: worker.memberNo,
			party: worker.party,
			posts: worker.posts.map((p) => p.name)
		},
		items
	};
}
