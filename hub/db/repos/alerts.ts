import type { Query } from '../sqlite.ts';
import { type NewAlert, type AlertRow, type AlertsRepo } from '../../store/alerts.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertAlert(tx: Query, alert: NewAlert, at: number): Promise<number> {
	const r = await tx.run(
		'INSERT INTO alerts (kind, site_id, kiosk_id, wish_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[alert.kind, alert.siteId, alert.kioskId, alert.wishId, alert.detail, at]
	);
	return r.lastID;
}

export function openAlerts(tx: Query, limit = 200): Promise<AlertRow[]> {
	return tx.all<AlertRow>(
		'SELECT id, kind, site_id, kiosk_id, wish_id, detail, created_at FROM alerts WHERE resolved_at IS NULL ORDER BY created_at DESC LIMIT ?',
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
	openAlerts,
	resolveAlert
};
