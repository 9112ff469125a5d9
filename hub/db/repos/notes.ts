/**
 * What was said about a wish along the way. Progress notes are not a table of their own: a note is
 * the data of the event that moved the wish, so the log stays the one record of what happened.
 * Desk flags mark items staff should look at (auto-released claims, poor ratings).
 */
import type { Query } from '../sqlite.ts';
import {
	type LogEntry,
	type WishDetails,
	type DeskFlagRow,
	type NotesRepo
} from '../../store/notes.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function wishLog(tx: Query, wishId: string): Promise<LogEntry[]> {
	const rows = await tx.all<{ seq: number; type: string; actor: string; data: string; at: number }>(
		'SELECT seq, type, actor, data, at FROM events WHERE wish_id = ? ORDER BY seq',
		[wishId]
	);
	return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

export function wishDetails(tx: Query, wishId: string): Promise<WishDetails | undefined> {
	return tx.get<WishDetails>(
		`SELECT w.responded_at, w.resolved_at, w.reject_reason, w.rating, w.rating_comment, w.rated_at,
			s.name AS site_name
		FROM wishes w JOIN sites s ON s.id = w.site_id WHERE w.id = ?`,
		[wishId]
	);
}

export async function insertDeskFlag(
	tx: Query,
	f: { wishId: string; reason: string; data: Record<string, unknown>; seq: number; at: number }
): Promise<void> {
	await tx.run('INSERT INTO desk_flags (wish_id, reason, data, seq, at) VALUES (?, ?, ?, ?, ?)', [
		f.wishId,
		f.reason,
		JSON.stringify(f.data),
		f.seq,
		f.at
	]);
}

/** Flags staff have not cleared yet, newest first. */
export function openDeskFlags(tx: Query): Promise<DeskFlagRow[]> {
	return tx.all<DeskFlagRow>(
		'SELECT id, wish_id, reason, data, seq, at FROM desk_flags WHERE cleared_at IS NULL ORDER BY at DESC'
	);
}

export const notesRepo: SqlRepo<NotesRepo> = {
	wishLog,
	wishDetails,
	insertDeskFlag,
	openDeskFlags
};
