/** Desk accounts: the first admin, colleagues created by admins, switched off, reset. */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffCreate, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { hashSecret, verifySecret } from '../../infra/secrets.ts';
import { FIRST_ADMIN_USERNAME, newPassword, publicRow, type StaffDeps } from './deps.ts';
import { requireRole, toPrincipal } from './roles.ts';

/**
 * First start (no active admin): creates "admin" with a random password that must be changed
 * at first sign-in, and returns it to print once. With WISHWALL_ADMIN_PASSWORD set, makes sure
 * "admin" exists, is an active admin and has that password (the way back in if it is lost).
 */
export async function ensureFirstAdmin(
	d: StaffDeps,
	password: string | null | undefined
): Promise<{ username: string; password: string | null } | null> {
	if (password) {
		const row = await d.store.staff.staffByUsername(FIRST_ADMIN_USERNAME);
		const fine =
			row?.role === 'admin' &&
			row.active === 1 &&
			(await verifySecret(password, row.password_hash));
		if (fine) return null;
	} else if ((await d.store.staff.countAdmins()) > 0) return null;
	const generated = password ? null : newPassword();
	const passwordHash = await hashSecret(password || generated!);
	return d.store.transaction(async (tx) => {
		if (!password && (await tx.staff.countAdmins()) > 0) return null;
		const existing = await tx.staff.staffByUsername(FIRST_ADMIN_USERNAME);
		const at = d.now();
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
}

/** Creates an account without an acting staff member: demo seeding and first start only. */
export async function createInitial(d: StaffDeps, input: StaffCreate): Promise<number> {
	const passwordHash = await hashSecret(input.password);
	return d.store.transaction((tx) =>
		tx.staff.insertStaff(
			{
				username: input.username,
				displayName: input.displayName,
				role: input.role,
				passwordHash,
				mustChangePassword: false
			},
			d.now()
		)
	);
}

export async function list(d: StaffDeps, who: StaffPrincipal) {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	const rows = await d.store.staff.listStaff();
	return {
		ok: true as const,
		value: rows.map((r) => ({
			...toPrincipal(r),
			active: r.active === 1,
			lockedUntil: r.locked_until,
			lastLoginAt: r.last_login_at
		}))
	};
}

export async function create(
	d: StaffDeps,
	who: StaffPrincipal,
	input: StaffCreate
): Promise<Outcome<StaffPrincipal>> {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	const passwordHash = await hashSecret(input.password);
	try {
		return await d.store.transaction(async (tx) => {
			const at = d.now();
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
		if (d.store.isUniqueViolation(err)) {
			return { ok: false, error: ErrorCode.conflict, message: 'username_taken' };
		}
		throw err;
	}
}

/** Switches an account off (its sessions end at once) or back on. */
export async function setActive(
	d: StaffDeps,
	who: StaffPrincipal,
	id: number,
	active: boolean
): Promise<Outcome<null>> {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	if (id === who.id && !active) {
		return { ok: false, error: ErrorCode.forbidden, message: 'cannot_deactivate_self' };
	}
	return d.store.transaction(async (tx) => {
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
			at: d.now()
		});
		return { ok: true, value: null };
	});
}

/** Sets a random temporary password (shown once) that must be changed at next sign-in. */
export async function resetPassword(
	d: StaffDeps,
	who: StaffPrincipal,
	id: number
): Promise<Outcome<{ password: string }>> {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	const password = newPassword();
	const passwordHash = await hashSecret(password);
	return d.store.transaction(async (tx) => {
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
			at: d.now()
		});
		return { ok: true, value: { password } };
	});
}
