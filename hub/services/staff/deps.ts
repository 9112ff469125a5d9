/** What the staff use cases share: the store, the clock, lockout and session lengths. */
import { failureLimiter, type FailureLimiter } from '../../infra/rate-limit.ts';
import { hashSecret, newToken } from '../../infra/secrets.ts';
import type { Store } from '../../store/store.ts';
import type { StaffRow } from '../../store/staff.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

export interface StaffOptions {
	store: Store;
	now?: () => number;
	/** Wrong passwords in a row before the account locks, and for how long. */
	maxFailures?: number;
	lockMs?: number;
	/** A desk session lasts one working day; then the dispatcher signs in again. */
	sessionMs?: number;
	/** Failed sign-ins per client address; absent: not limited by address. */
	perAddress?: FailureLimiter;
}

export interface StaffDeps {
	store: Store;
	now: () => number;
	maxFailures: number;
	lockMs: number;
	sessionMs: number;
	perAddress: FailureLimiter;
	/** Verified against for unknown usernames, so a wrong name costs as long as a wrong password. */
	decoy: Promise<string>;
}

export function staffDeps(opts: StaffOptions): StaffDeps {
	return {
		store: opts.store,
		now: opts.now ?? Date.now,
		maxFailures: opts.maxFailures ?? 5,
		lockMs: opts.lockMs ?? 15 * 60_000,
		sessionMs: opts.sessionMs ?? 12 * 3600_000,
		perAddress: opts.perAddress ?? failureLimiter(null),
		decoy: hashSecret(newToken())
	};
}

/** A readable random password: 16 characters from an alphabet without look-alikes. */
export function newPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	// 256 % 55 ≠ 0 leaves a tiny bias; 16 characters still carry over 90 bits.
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** What the audit log records of an account (never its password hash). */
export function publicRow(row: StaffRow) {
	return {
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		active: row.active
	};
}
