/**
 * Desk sign-in with lockout (per account and per address), cookie sessions (random tokens
 * stored hashed), sign-out and one's own password change.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { addressKey } from '../../infra/rate-limit.ts';
import { hashSecret, hashToken, newToken, verifySecret } from '../../infra/secrets.ts';
import type { StaffDeps } from './deps.ts';
import { toPrincipal } from './roles.ts';

type SignedIn = { token: string; staff: StaffPrincipal; expiresAt: number };

async function attemptSignIn(
	d: StaffDeps,
	username: string,
	password: string
): Promise<Outcome<SignedIn>> {
	const row = await d.store.staff.staffByUsername(username);
	const at = d.now();
	if (row && row.locked_until !== null && row.locked_until > at) {
		return { ok: false, error: ErrorCode.rateLimited, message: String(row.locked_until) };
	}
	const valid = await verifySecret(password, row?.password_hash ?? (await d.decoy));
	if (!row || row.active !== 1 || !valid) {
		if (row && row.active === 1) {
			await d.store.staff.recordLoginFailure(row.id, d.maxFailures, at + d.lockMs);
		}
		return { ok: false, error: ErrorCode.unauthorized, message: 'wrong username or password' };
	}
	const token = newToken();
	const expiresAt = at + d.sessionMs;
	await d.store.transaction(async (tx) => {
		await tx.staff.recordLogin(row.id, at);
		await tx.staff.insertStaffSession(
			{ staffId: row.id, tokenHash: hashToken(token), expiresAt },
			at
		);
	});
	return { ok: true, value: { token, staff: toPrincipal(row), expiresAt } };
}

/**
 * Checks the password; on success starts a session and returns its (secret) token. `from` is the
 * client's address: too many failures from it refuse even a right password, with rate_limited
 * and `address:<until>` (an account lock says just `<until>`).
 */
export async function signIn(
	d: StaffDeps,
	username: string,
	password: string,
	from?: string
): Promise<Outcome<SignedIn>> {
	const key = from === undefined ? null : addressKey(from);
	const retryAt = key === null ? null : d.perAddress.begin(key);
	if (retryAt !== null) {
		return { ok: false, error: ErrorCode.rateLimited, message: `address:${retryAt}` };
	}
	const r = await attemptSignIn(d, username, password);
	if (key !== null && r.ok) d.perAddress.succeeded(key);
	return r;
}

/** The staff member behind a session token, or null (unknown, expired, deactivated). */
export async function session(
	d: StaffDeps,
	token: string | undefined | null
): Promise<StaffPrincipal | null> {
	if (!token || token.length > 128) return null;
	const row = await d.store.staff.liveSessionStaff(hashToken(token), d.now());
	return row ? toPrincipal(row) : null;
}

export async function signOut(d: StaffDeps, token: string): Promise<void> {
	await d.store.staff.deleteStaffSession(hashToken(token));
}

/** Changes one's own password (the current one is required); ends one's other sessions. */
export async function changePassword(
	d: StaffDeps,
	who: StaffPrincipal,
	current: string,
	next: string,
	keepToken: string
): Promise<Outcome<null>> {
	const row = await d.store.staff.staffById(who.id);
	if (!row || !(await verifySecret(current, row.password_hash))) {
		return { ok: false, error: ErrorCode.unauthorized, message: 'current password is wrong' };
	}
	if (current === next) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'password_unchanged' };
	}
	const passwordHash = await hashSecret(next);
	await d.store.transaction(async (tx) => {
		const at = d.now();
		await tx.staff.setStaffPassword(who.id, passwordHash, false);
		await tx.staff.deleteSessionsOfStaff(who.id);
		await tx.staff.insertStaffSession(
			{ staffId: who.id, tokenHash: hashToken(keepToken), expiresAt: at + d.sessionMs },
			at
		);
		await tx.audit.appendAudit({
			staffId: who.id,
			action: 'staff.change_password',
			targetType: 'staff',
			targetId: who.id,
			before: null,
			after: null,
			at
		});
	});
	return { ok: true, value: null };
}
