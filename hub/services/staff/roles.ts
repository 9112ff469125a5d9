/** The staff's roles and the one rule every desk page, form action and socket event goes through. */
import { ErrorCode } from '../../../shared/errors.ts';
import type { StaffPrincipal, StaffRole } from '../../../shared/schemas/desk.ts';
import type { StaffRow } from '../../store/staff.ts';

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
