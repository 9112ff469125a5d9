import type { StaffRole } from '../../shared/schemas/desk.ts';

export interface StaffRow {
	id: number;
	username: string;
	display_name: string;
	role: StaffRole;
	password_hash: string;
	must_change_password: number;
	active: number;
	login_failures: number;
	locked_until: number | null;
	created_at: number;
	last_login_at: number | null;
}

export interface StaffRepo {
	insertStaff(
		s: {
			username: string;
			displayName: string;
			role: StaffRole;
			passwordHash: string;
			mustChangePassword: boolean;
		},
		now: number
	): Promise<number>;
	staffByUsername(username: string): Promise<StaffRow | undefined>;
	staffById(id: number): Promise<StaffRow | undefined>;
	listStaff(): Promise<StaffRow[]>;
	countAdmins(): Promise<number>;
	makeActiveAdmin(id: number): Promise<void>;
	/** Counts one wrong password; locks the account until lockUntil once failures reach max. */
	recordLoginFailure(id: number, maxFailures: number, lockUntil: number): Promise<void>;
	recordLogin(id: number, now: number): Promise<void>;
	setStaffPassword(id: number, passwordHash: string, mustChange: boolean): Promise<void>;
	setStaffActive(id: number, active: boolean): Promise<void>;
	insertStaffSession(
		s: { staffId: number; tokenHash: string; expiresAt: number },
		now: number
	): Promise<void>;
	/** The active staff member behind a live session, or undefined. */
	liveSessionStaff(tokenHash: string, now: number): Promise<StaffRow | undefined>;
	touchStaffSession(tokenHash: string, now: number, expiresAt: number): Promise<void>;
	deleteStaffSession(tokenHash: string): Promise<void>;
	/** Ends every session of one person (deactivation, password change). */
	deleteSessionsOfStaff(staffId: number): Promise<void>;
}
