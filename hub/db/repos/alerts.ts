import type { AlertRow, AlertsRepo, HeldWish, NewAlert } from '../../store/alerts.ts';
import type { SqlRepo } from '../sql-repo.ts';
import type { Query } from '../sqlite.ts';

const COLUMNS = 'id, kind, site_id, kiosk_id, wish_id, detail, payload, created_at, resolved_at';

export async function insertAlert(tx: Query, alert: NewAlert, at: number): Promise<number> {
	const r = await tx.run(
		'INSERT INTO alerts (kind, site_id, kiosk_id, wish_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[alert.kind, alert.siteId, alert.kioskId, alert.wishId, alert.detail, at]
	);
	return r.lastID;
}

export async function holdWish(tx: Query, held: HeldWish, at: number): Promise<void> {
	await tx.run(
		`INSERT INTO alerts (kind, site_id, kiosk_id, wish_id, detail, payload, created_at)
		VALUES ('wish_held', ?, ?, ?, ?, ?, ?)
		ON CONFLICT (wish_id) WHERE kind = 'wish_held' DO NOTHING`,
		[held.siteId, held.kioskId, held.wishId, held.detail, held.payload, at]
	);
}

export function alertById(tx: Query, id: number): Promise<AlertRow | undefined> {
	return tx.get<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE id = ?`, [id]);
}

export function openAlerts(tx: Query, limit = 200): Promise<AlertRow[]> {
	return tx.all<AlertRow>(
		`SELECT ${COLUMNS} FROM alerts WHERE resolved_at IS NULL ORDER BY created_at DESC LIMIT ?`,
		[limit]
	);
}

export async function resolveAlert(tx: Query, id: number, at: number): Promise<boolean> {
	const r = await tx.run('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL', [
		at,
		id
	]);
	return r.changes > 0;
}

export const alertsRepo: SqlRepo<AlertsRepo> = {
	insertAlert,
	holdWish,
	alertById,
	openAlerts,
	resolveAlert
};
