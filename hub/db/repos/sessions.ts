import type { Query } from '../sqlite.ts';
import { type SessionsRepo } from '../../store/sessions.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertSession(
	tx: Query,
	s: { memberId: number; tokenHash: string; expiresAt: number },
	now: number
): Promise<void> {
	await tx.run(
		'INSERT INTO member_sessions (member_id, token_hash, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
		[s.memberId, s.tokenHash, now, s.expiresAt, now]
	);
}

export async function liveSessionMember(
	tx: Query,
	tokenHash: string,
	now: number
): Promise<number | undefined> {
	const row = await tx.get<{ member_id: number }>(
		'SELECT member_id FROM member_sessions WHERE token_hash = ? AND expires_at > ?',
		[tokenHash, now]
	);
	return row?.member_id;
}

export async function deleteSession(tx: Query, tokenHash: string): Promise<void> {
	await tx.run('DELETE FROM member_sessions WHERE token_hash = ?', [tokenHash]);
}

export async function deleteMemberSessions(tx: Query, memberId: number): Promise<void> {
	await tx.run('DELETE FROM member_sessions WHERE member_id = ?', [memberId]);
}

export async function deleteExpiredSessions(tx: Query, now: number): Promise<void> {
	await tx.run('DELETE FROM member_sessions WHERE expires_at <= ?', [now]);
}

export const sessionsRepo: SqlRepo<SessionsRepo> = {
	insertSession,
	liveSessionMember,
	deleteSession,
	deleteMemberSessions,
	deleteExpiredSessions
};
