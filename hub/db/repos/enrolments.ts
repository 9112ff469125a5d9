/** Kiosk enrolment codes and the fleet's view of kiosks (admin). */
import type { Query } from '../sqlite.ts';
import {
	type EnrolmentRow,
	type FleetKioskRow,
	type EnrolmentsRepo
} from '../../store/enrolments.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertEnrolment(
	tx: Query,
	e: { kioskId: number; codeHash: string; createdBy: number; expiresAt: number },
	now: number
): Promise<void> {
	// A new code replaces any earlier unused one: only the latest printout works.
	await tx.run(
		'UPDATE kiosk_enrolments SET expires_at = ? WHERE kiosk_id = ? AND used_at IS NULL AND expires_at > ?',
		[now, e.kioskId, now]
	);
	await tx.run(
		'INSERT INTO kiosk_enrolments (kiosk_id, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
		[e.kioskId, e.codeHash, e.createdBy, now, e.expiresAt]
	);
}

export function enrolmentByCodeHash(
	tx: Query,
	codeHash: string
): Promise<EnrolmentRow | undefined> {
	return tx.get<EnrolmentRow>(
		'SELECT id, kiosk_id, expires_at, used_at FROM kiosk_enrolments WHERE code_hash = ?',
		[codeHash]
	);
}

/** Marks a code used; false when someone else used it first (the guard makes it once-only). */
export async function useEnrolment(tx: Query, id: number, now: number): Promise<boolean> {
	const r = await tx.run(
		'UPDATE kiosk_enrolments SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?',
		[now, id, now]
	);
	return r.changes === 1;
}

export async function setKioskToken(tx: Query, kioskId: number, tokenHash: string): Promise<void> {
	await tx.run('UPDATE kiosks SET token_hash = ?, revoked_at = NULL WHERE id = ?', [
		tokenHash,
		kioskId
	]);
}

export async function revokeKiosk(tx: Query, kioskId: number, now: number): Promise<boolean> {
	const r = await tx.run('UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
		now,
		kioskId
	]);
	return r.changes === 1;
}

export function fleetKiosks(tx: Query, now: number): Promise<FleetKioskRow[]> {
	return tx.all<FleetKioskRow>(
		`SELECT k.id, k.name, k.ticket_prefix, k.paper_mm, s.slug AS site_slug, s.name AS site_name,
			k.revoked_at, k.last_seen_at, k.app_version, k.heartbeat_at, k.outbox_length,
			k.outbox_oldest_at, k.printer_error,
			(SELECT max(used_at) FROM kiosk_enrolments e WHERE e.kiosk_id = k.id) AS enrolled_at,
			(SELECT max(expires_at) FROM kiosk_enrolments e
				WHERE e.kiosk_id = k.id AND e.used_at IS NULL AND e.expires_at > ?) AS pending_until
		FROM kiosks k JOIN sites s ON s.id = k.site_id ORDER BY s.id, k.id`,
		[now]
	);
}

export const enrolmentsRepo: SqlRepo<EnrolmentsRepo> = {
	insertEnrolment,
	enrolmentByCodeHash,
	useEnrolment,
	setKioskToken,
	revokeKiosk,
	fleetKiosks
};
