import type { Query } from '../sqlite.ts';
import {
	type MemberRow,
	type NewMember,
	type MembersRepo,
	type WorkerPost
} from '../../store/members.ts';
import type { SqlRepo } from '../sql-repo.ts';

const SELECT_MEMBER = `SELECT m.id, m.member_no, m.display_name, m.phone, m.site_id, s.slug AS site_slug,
	s.name AS site_name, m.skills, m.pin_hash, m.party, m.active, m.pin_failures, m.locked_until
	FROM members m LEFT JOIN sites s ON s.id = m.site_id`;

export async function insertMember(tx: Query, m: NewMember, now: number): Promise<number> {
	const r = await tx.run(
		'INSERT INTO members (member_no, display_name, phone, site_id, skills, pin_hash, party, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
		[
			m.memberNo,
			m.displayName,
			m.phone,
			m.siteId,
			m.skills,
			m.pinHash,
			m.party === false ? 0 : 1,
			now
		]
	);
	return r.lastID;
}

export function memberByNo(tx: Query, memberNo: string): Promise<MemberRow | undefined> {
	return tx.get<MemberRow>(`${SELECT_MEMBER} WHERE m.member_no = ?`, [memberNo]);
}

export function memberById(tx: Query, id: number): Promise<MemberRow | undefined> {
	return tx.get<MemberRow>(`${SELECT_MEMBER} WHERE m.id = ?`, [id]);
}

export function listMembers(tx: Query): Promise<MemberRow[]> {
	return tx.all<MemberRow>(`${SELECT_MEMBER} ORDER BY m.active DESC, m.member_no`);
}

export async function recordPinFailure(
	tx: Query,
	id: number,
	maxFailures: number,
	lockUntil: number
): Promise<{ failures: number; lockedUntil: number | null }> {
	await tx.run(
		`UPDATE members SET pin_failures = pin_failures + 1,
			locked_until = CASE WHEN pin_failures + 1 >= ? THEN ? ELSE locked_until END
		WHERE id = ?`,
		[maxFailures, lockUntil, id]
	);
	const row = await tx.get<{ pin_failures: number; locked_until: number | null }>(
		'SELECT pin_failures, locked_until FROM members WHERE id = ?',
		[id]
	);
	return { failures: row?.pin_failures ?? 0, lockedUntil: row?.locked_until ?? null };
}

export async function clearPinFailures(tx: Query, id: number): Promise<void> {
	await tx.run('UPDATE members SET pin_failures = 0, locked_until = NULL WHERE id = ?', [id]);
}

export async function setPinHash(tx: Query, id: number, pinHash: string): Promise<void> {
	await tx.run(
		'UPDATE members SET pin_hash = ?, pin_failures = 0, locked_until = NULL WHERE id = ?',
		[pinHash, id]
	);
}

export async function setMemberActive(tx: Query, id: number, active: boolean): Promise<void> {
	await tx.run('UPDATE members SET active = ? WHERE id = ?', [active ? 1 : 0, id]);
}

export function workerPosts(tx: Query, memberIds?: readonly number[]): Promise<WorkerPost[]> {
	const only = memberIds ? `WHERE wp.member_id IN (${memberIds.map(() => '?').join(', ')})` : '';
	return tx.all<WorkerPost>(
		`SELECT wp.member_id, wp.post_id, p.name AS post_name FROM worker_posts wp
		JOIN posts p ON p.id = wp.post_id ${only} ORDER BY p.name`,
		memberIds ? [...memberIds] : []
	);
}

export async function setWorkerPosts(
	tx: Query,
	memberId: number,
	postIds: readonly number[]
): Promise<void> {
	await tx.run('DELETE FROM worker_posts WHERE member_id = ?', [memberId]);
	for (const postId of new Set(postIds)) {
		await tx.run('INSERT INTO worker_posts (member_id, post_id) VALUES (?, ?)', [memberId, postId]);
	}
}

export async function setParty(tx: Query, id: number, party: boolean): Promise<void> {
	await tx.run('UPDATE members SET party = ? WHERE id = ?', [party ? 1 : 0, id]);
}

export const membersRepo: SqlRepo<MembersRepo> = {
	insertMember,
	memberByNo,
	memberById,
	listMembers,
	recordPinFailure,
	clearPinFailures,
	setPinHash,
	setMemberActive,
	workerPosts,
	setWorkerPosts,
	setParty
};
