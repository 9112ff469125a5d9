import type { StaffRole } from '../../../shared/schemas/desk.ts';
import type { Query } from '../sqlite.ts';
import { type StaffRow, type StaffRepo } from '../../store/staff.ts';
import type { SqlRepo } from '../sql-repo.ts';

const SELECT_STAFF = `SELECT id, username, display_name, role, password_hash, must_change_password,
	active, login_failures, locked_until, created_at, last_login_at FROM staff`;

export async function insertStaff(
	tx: Query,
	s: {
		username: string;
		displayName: string;
		role: StaffRole;
		passwordHash: string;
		mustChangePassword: boolean;
	},
	now: number
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO staff (username, display_name, role, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[s.username, s.displayName, s.role, s.passwordHash, s.mustChangePassword ? 1 : 0, now]
	);
	return r.lastID;
}

export function staffByUsername(tx: Query, username: string): Promise<StaffRow | undefined> {
	return tx.get<StaffRow>(`${SELECT_STAFF} WHERE username = ?`, [username]);
}

export function staffById(tx: Query, id: number): Promise<StaffRow | undefined> {
	return tx.get<StaffRow>(`${SELECT_STAFF} WHERE id = ?`, [id]);
}

export function listStaff(tx: Query): Promise<StaffRow[]> {
	return tx.all<StaffRow>(`${SELECT_STAFF} ORDER BY role DESC, username`);
}

export async function makeActiveAdmin(tx: Query, id: number): Promise<void> {
	await tx.run("UPDATE staff SET role = 'admin', active = 1 WHERE id = ?", [id]);
}

export async function countAdmins(tx: Query): Promise<number> {
	const row = await tx.get<{ n: number }>(
		"SELECT count(*) AS n FROM staff WHERE role = 'admin' AND active = 1"
	);
	return row?.n ?? 0;
}

export async function recordLoginFailure(
	tx: Query,
	id: number,
	maxFailures: number,
	lockUntil: number
): Promise<void> {
	await tx.run(
		`UPDATE staff SET login_failures = login_failures + 1,
			locked_until = CASE WHEN login_failures + 1 >= ? THEN ? ELSE locked_until END
		WHERE id = ?`,
		[maxFailures, lockUntil, id]
	);
}

export async function recordLogin(tx: Query, id: number, now: number): Promise<void> {
	await tx.run(
		'UPDATE staff SET login_failures = 0, locked_until = NULL, last_login_at = ? WHERE id = ?',
		[now, id]
	);
}

export async function setStaffPassword(
	tx: Query,
	id: number,
	passwordHash: string,
	mustChange: boolean
): Promise<void> {
	await tx.run(
		'UPDATE staff SET password_hash = ?, must_change_password = ?, login_failures = 0, locked_until = NULL WHERE id = ?',
		[passwordHash, mustChange ? 1 : 0, id]
	);
}

export async function setStaffActive(tx: Query, id: number, active: boolean): Promise<void> {
	await tx.run('UPDATE staff SET active = ? WHERE id = ?', [active ? 1 : 0, id]);
}

export async function insertStaffSession(
	tx: Query,
	s: { staffId: number; tokenHash: string; expiresAt: number },
	now: number
): Promise<void> {
	await tx.run(
		'INSERT INTO staff_sessions (staff_id, token_hash, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
		[s.staffId, s.tokenHash, now, s.expiresAt, now]
	);
}

export function liveSessionStaff(
	tx: Query,
	tokenHash: string,
	now: number
): Promise<StaffRow | undefined> {
	return tx.get<StaffRow>(
		`SELECT s.id, s.username, s.display_name, s.role, s.password_hash, s.must_change_password,
			s.active, s.login_failures, s.locked_until, s.created_at, s.last_login_at
		FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
		WHERE ss.token_hash = ? AND ss.expires_at > ? AND s.active = 1`,
		[tokenHash, now]
	);
}

export async function touchStaffSession(
	tx: Query,
	tokenHash: string,
	now: number,
	expiresAt: number
): Promise<void> {
	await tx.run('UPDATE staff_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?', [
		now,
		expiresAt,
		tokenHash
	]);
}

export async function deleteStaffSession(tx: Query, tokenHash: string): Promise<void> {
	await tx.run('DELETE FROM staff_sessions WHERE token_hash = ?', [tokenHash]);
}

export async function deleteSessionsOfStaff(tx: Query, staffId: number): Promise<void> {
	await tx.run('DELETE FROM staff_sessions WHERE staff_id = ?', [staffId]);
}

export const staffRepo: SqlRepo<StaffRepo> = {
	insertStaff,
	staffByUsername,
	staffById,
	listStaff,
	countAdmins,
	makeActiveAdmin,
	recordLoginFailure,
	recordLogin,
	setStaffPassword,
	setStaffActive,
	insertStaffSession,
	liveSessionStaff,
	touchStaffSession,
	deleteStaffSession,
	deleteSessionsOfStaff
};
