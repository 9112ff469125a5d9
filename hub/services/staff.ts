/**
 * Desk staff: accounts (scrypt passwords), sign-in with lockout, cookie sessions (random tokens
 * stored hashed) and the role rule every desk page, form action and socket event goes through.
 */
import { ErrorCode } from '../../shared/errors.ts';
import type { StaffCreate, StaffPrincipal, StaffRole } from '../../shared/schemas/desk.ts';

import { type StaffRow } from '../store/staff.ts';
import type { Store } from '../store/store.ts';
import { addressKey, failureLimiter, type FailureLimiter } from '../infra/rate-limit.ts';
import { hashSecret, hashToken, newToken, verifySecret } from '../infra/secrets.ts';
import type { Outcome } from '../../shared/errors.ts';

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

export function toPrincipal(row: StaffRow): StaffPrincipal {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		mustChangePassword: row.must_change_password === 1
	};
}

/** Admins may do everything a dispatcher may. */
export function hasRole(who: StaffPrincipal | null | undefined, role: StaffRole): boolean {
	if (!who) return false;
	return role === 'dispatcher' || who.role === 'admin';
}

/** The refusal every service returns when the caller's role is not enough. */
export function requireRole(
	who: StaffPrincipal | null | undefined,
	role: StaffRole
): { ok: false; error: ErrorCode; message: string } | null {
	if (!who) return { ok: false, error: ErrorCode.unauthorized, message: 'sign in first' };
	if (!hasRole(who, role)) {
		return { ok: false, error: ErrorCode.forbidden, message: `only ${role}s may do this` };
	}
	return null;
}

/** A readable random password: 16 characters from an alphabet without look-alikes. */
export function newPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	// 256 % 55 ≠ 0 leaves a tiny bias; 16 characters still carry over 90 bits.
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function publicRow(row: StaffRow) {
	return {
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		active: row.active
	};
}

export function createStaffService(opts: StaffOptions) {
	const { store } = opts;
	const now = opts.now ?? Date.now;
	const maxFailures = opts.maxFailures ?? 5;
	const lockMs = opts.lockMs ?? 15 * 60_000;
	const sessionMs = opts.sessionMs ?? 12 * 3600_000;
	const perAddress = opts.perAddress ?? failureLimiter(null);
	// Verified against for unknown usernames, so a wrong name costs as long as a wrong password.
	const decoy = hashSecret(newToken());

	async function attemptSignIn(
		username: string,
		password: string
	): Promise<Outcome<{ token: string; staff: StaffPrincipal; expiresAt: number }>> {
		const row = await store.staff.staffByUsername(username);
		const at = now();
		if (row && row.locked_until !== null && row.locked_until > at) {
			return {
				ok: false,
				error: ErrorCode.rateLimited,
				message: String(row.locked_until)
			};
		}
		const valid = await verifySecret(password, row?.password_hash ?? (await decoy));
		if (!row || row.active !== 1 || !valid) {
			if (row && row.active === 1) {
				await store.staff.recordLoginFailure(row.id, maxFailures, at + lockMs);
			}
			return { ok: false, error: ErrorCode.unauthorized, message: 'wrong username or password' };
		}
		const token = newToken();
		const expiresAt = at + sessionMs;
		await store.transaction(async (tx) => {
			await tx.staff.recordLogin(row.id, at);
			await tx.staff.insertStaffSession(
				{ staffId: row.id, tokenHash: hashToken(token), expiresAt },
				at
			);
		});
		return { ok: true, value: { token, staff: toPrincipal(row), expiresAt } };
	}

	return {
		/**
		 * First start (no active admin): creates "admin" with a random password that must be changed
		 * at first sign-in, and returns it to print once. With WISHWALL_ADMIN_PASSWORD set, makes sure
		 * "admin" exists, is an active admin and has that password (the way back in if it is lost).
		 */
		async ensureFirstAdmin(
			password: string | null | undefined
		): Promise<{ username: string; password: string | null } | null> {
			if (password) {
				const row = await store.staff.staffByUsername(FIRST_ADMIN_USERNAME);
				const fine =
					row?.role === 'admin' &&
					row.active === 1 &&
					(await verifySecret(password, row.password_hash));
				if (fine) return null;
			} else if ((await store.staff.countAdmins()) > 0) return null;
			const generated = password ? null : newPassword();
			const passwordHash = await hashSecret(password || generated!);
			return store.transaction(async (tx) => {
				if (!password && (await tx.staff.countAdmins()) > 0) return null;
				const existing = await tx.staff.staffByUsername(FIRST_ADMIN_USERNAME);
				const at = now();
				if (existing) {
					// An "admin" account that was demoted or switched off: give it back its keys.
					await tx.staff.makeActiveAdmin(existing.id);
					await tx.staff.setStaffPassword(existing.id, passwordHash, generated !== null);
				} else {
					await tx.staff.insertStaff(
						{
							username: FIRST_ADMIN_USERNAME,
							displayName: '管理员',
							role: 'admin',
							passwordHash,
							mustChangePassword: generated !== null
						},
						at
					);
				}
				const row = (await tx.staff.staffByUsername(FIRST_ADMIN_USERNAME))!;
				await tx.audit.appendAudit({
					staffId: null,
					action: 'staff.first_admin',
					targetType: 'staff',
					targetId: row.id,
					before: existing ? publicRow(existing) : null,
					after: publicRow(row),
					at
				});
				return { username: FIRST_ADMIN_USERNAME, password: generated };
			});
		},

		/** Creates an account without an acting staff member: demo seeding and first start only. */
		async createInitial(input: StaffCreate): Promise<number> {
			const passwordHash = await hashSecret(input.password);
			return store.transaction((tx) =>
				tx.staff.insertStaff(
					{
						username: input.username,
						displayName: input.displayName,
						role: input.role,
						passwordHash,
						mustChangePassword: false
					},
					now()
				)
			);
		},

		/**
		 * Checks the password; on success starts a session and returns its (secret) token. `from` is
		 * the client's address: too many failures from it refuse even a right password, with
		 * rate_limited and `address:<until>` (an account lock says just `<until>`).
		 */
		async signIn(
			username: string,
			password: string,
			from?: string
		): Promise<Outcome<{ token: string; staff: StaffPrincipal; expiresAt: number }>> {
			const key = from === undefined ? null : addressKey(from);
			const retryAt = key === null ? null : perAddress.begin(key);
			if (retryAt !== null) {
				return { ok: false, error: ErrorCode.rateLimited, message: `address:${retryAt}` };
			}
			const r = await attemptSignIn(username, password);
			if (key !== null && r.ok) perAddress.succeeded(key);
			return r;
		},

		/** The staff member behind a session token, or null (unknown, expired, deactivated). */
		async session(token: string | undefined | null): Promise<StaffPrincipal | null> {
			if (!token || token.length > 128) return null;
			const row = await store.staff.liveSessionStaff(hashToken(token), now());
			return row ? toPrincipal(row) : null;
		},

		async signOut(token: string): Promise<void> {
			await store.staff.deleteStaffSession(hashToken(token));
		},

		/** Changes one's own password (the current one is required); ends one's other sessions. */
		async changePassword(
			who: StaffPrincipal,
			current: string,
			next: string,
			keepToken: string
		): Promise<Outcome<null>> {
			const row = await store.staff.staffById(who.id);
			if (!row || !(await verifySecret(current, row.password_hash))) {
				return { ok: false, error: ErrorCode.unauthorized, message: 'current password is wrong' };
			}
			if (current === next) {
				return { ok: false, error: ErrorCode.invalidPayload, message: 'password_unchanged' };
			}
			const passwordHash = await hashSecret(next);
			await store.transaction(async (tx) => {
				const at = now();
				await tx.staff.setStaffPassword(who.id, passwordHash, false);
				await tx.staff.deleteSessionsOfStaff(who.id);
				await tx.staff.insertStaffSession(
					{ staffId: who.id, tokenHash: hashToken(keepToken), expiresAt: at + sessionMs },
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
		},

		async list(who: StaffPrincipal) {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			const rows = await store.staff.listStaff();
			return {
				ok: true as const,
				value: rows.map((r) => ({
					...toPrincipal(r),
					active: r.active === 1,
					lockedUntil: r.locked_until,
					lastLoginAt: r.last_login_at
				}))
			};
		},

		async create(who: StaffPrincipal, input: StaffCreate): Promise<Outcome<StaffPrincipal>> {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			const passwordHash = await hashSecret(input.password);
			try {
				return await store.transaction(async (tx) => {
					const at = now();
					const id = await tx.staff.insertStaff(
						{
							username: input.username,
							displayName: input.displayName,
							role: input.role,
							passwordHash,
							// Whoever set it knows it: the new colleague picks their own at first sign-in.
							mustChangePassword: true
						},
						at
					);
					const row = (await tx.staff.staffById(id))!;
					await tx.audit.appendAudit({
						staffId: who.id,
						action: 'staff.create',
						targetType: 'staff',
						targetId: id,
						before: null,
						after: publicRow(row),
						at
					});
					return { ok: true as const, value: toPrincipal(row) };
				});
			} catch (err) {
				if (store.isUniqueViolation(err)) {
					return { ok: false, error: ErrorCode.conflict, message: 'username_taken' };
				}
				throw err;
			}
		},

		/** Switches an account off (its sessions end at once) or back on. */
		async setActive(who: StaffPrincipal, id: number, active: boolean): Promise<Outcome<null>> {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			if (id === who.id && !active) {
				return { ok: false, error: ErrorCode.forbidden, message: 'cannot_deactivate_self' };
			}
			return store.transaction(async (tx) => {
				const before = await tx.staff.staffById(id);
				if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no such staff' };
				await tx.staff.setStaffActive(id, active);
				if (!active) await tx.staff.deleteSessionsOfStaff(id);
				await tx.audit.appendAudit({
					staffId: who.id,
					action: active ? 'staff.activate' : 'staff.deactivate',
					targetType: 'staff',
					targetId: id,
					before: publicRow(before),
					after: publicRow((await tx.staff.staffById(id))!),
					at: now()
				});
				return { ok: true, value: null };
			});
		},

		/** Sets a random temporary password (shown once) that must be changed at next sign-in. */
		async resetPassword(who: StaffPrincipal, id: number): Promise<Outcome<{ password: string }>> {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			const password = newPassword();
			const passwordHash = await hashSecret(password);
			return store.transaction(async (tx) => {
				const row = await tx.staff.staffById(id);
				if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such staff' };
				await tx.staff.setStaffPassword(id, passwordHash, true);
				await tx.staff.deleteSessionsOfStaff(id);
				await tx.audit.appendAudit({
					staffId: who.id,
					action: 'staff.reset_password',
					targetType: 'staff',
					targetId: id,
					before: null,
					after: null,
					at: now()
				});
				return { ok: true, value: { password } };
			});
		}
	};
}

export type StaffService = ReturnType<typeof createStaffService>;
