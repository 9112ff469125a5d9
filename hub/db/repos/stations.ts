/** Station services, their settings (staff PIN) and the station event log. Plain SQL. */
import type { ServiceState } from '../../../shared/schemas/stations.ts';
import type { Query } from '../sqlite.ts';
import {
	type ServiceRow,
	type NewStationEvent,
	type StationEventRow,
	type StationSettingsRow,
	type StationsRepo
} from '../../store/stations.ts';
import type { SqlRepo } from '../sql-repo.ts';

// The need a service answers: the first live need linked to it (needs.service_id).
const COLUMNS = `id, site_id, icon, name, hours, state, note, position, active, seq, updated_at,
	(SELECT n.id FROM needs n WHERE n.service_id = station_services.id AND n.state <> 'merged'
		ORDER BY n.id LIMIT 1) AS from_need_id,
	(SELECT n.title FROM needs n WHERE n.service_id = station_services.id AND n.state <> 'merged'
		ORDER BY n.id LIMIT 1) AS from_need_title`;

export async function insertService(
	tx: Query,
	s: { siteId: number; icon: string; name: string; hours: string; position: number },
	now: number
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO station_services (site_id, icon, name, hours, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
		[s.siteId, s.icon, s.name, s.hours, s.position, now, now]
	);
	return r.lastID;
}

export function serviceById(tx: Query, id: number): Promise<ServiceRow | undefined> {
	return tx.get<ServiceRow>(`SELECT ${COLUMNS} FROM station_services WHERE id = ?`, [id]);
}

/** A site's services in display order; retired ones only when asked (the desk's editor). */
export function siteServices(
	tx: Query,
	siteId: number,
	opts: { withRetired?: boolean } = {}
): Promise<ServiceRow[]> {
	return tx.all<ServiceRow>(
		`SELECT ${COLUMNS} FROM station_services WHERE site_id = ? ${opts.withRetired ? '' : 'AND active = 1'} ORDER BY position, id`,
		[siteId]
	);
}

export async function sitesWithServices(tx: Query): Promise<number[]> {
	const rows = await tx.all<{ site_id: number }>(
		'SELECT DISTINCT site_id FROM station_services WHERE active = 1 ORDER BY site_id'
	);
	return rows.map((r) => r.site_id);
}

export async function updateServiceState(
	tx: Query,
	id: number,
	change: { state: ServiceState; note: string; seq: number },
	now: number
): Promise<void> {
	await tx.run(
		'UPDATE station_services SET state = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?',
		[change.state, change.note, change.seq, now, id]
	);
}

export async function updateService(
	tx: Query,
	id: number,
	edit: {
		icon: string;
		name: string;
		hours: string;
		position: number;
		active: boolean;
		seq: number;
	},
	now: number
): Promise<void> {
	await tx.run(
		'UPDATE station_services SET icon = ?, name = ?, hours = ?, position = ?, active = ?, seq = ?, updated_at = ? WHERE id = ?',
		[edit.icon, edit.name, edit.hours, edit.position, edit.active ? 1 : 0, edit.seq, now, id]
	);
}

export async function appendStationEvent(tx: Query, e: NewStationEvent): Promise<number> {
	const r = await tx.run(
		'INSERT INTO station_events (site_id, type, subject, actor, data, at) VALUES (?, ?, ?, ?, ?, ?)',
		[e.siteId, e.type, e.subject, e.actor, JSON.stringify(e.data), e.at]
	);
	return r.lastID;
}

export function stationEvents(
	tx: Query,
	opts: { siteId?: number; subject?: string; limit: number }
): Promise<StationEventRow[]> {
	const where: string[] = [];
	const params: (string | number)[] = [];
	if (opts.siteId !== undefined) {
		where.push('site_id = ?');
		params.push(opts.siteId);
	}
	if (opts.subject !== undefined) {
		where.push('subject = ?');
		params.push(opts.subject);
	}
	return tx.all<StationEventRow>(
		`SELECT seq, site_id, type, subject, actor, data, at FROM station_events
		${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
		[...params, opts.limit]
	);
}

export function stationSettings(
	tx: Query,
	siteId: number
): Promise<StationSettingsRow | undefined> {
	return tx.get<StationSettingsRow>(
		'SELECT site_id, staff_pin_hash, pin_failures, locked_until FROM station_settings WHERE site_id = ?',
		[siteId]
	);
}

export async function setStaffPinHash(
	tx: Query,
	siteId: number,
	hash: string | null,
	now: number
): Promise<void> {
	await tx.run(
		`INSERT INTO station_settings (site_id, staff_pin_hash, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (site_id) DO UPDATE SET staff_pin_hash = excluded.staff_pin_hash,
			pin_failures = 0, locked_until = NULL, updated_at = excluded.updated_at`,
		[siteId, hash, now]
	);
}

export async function recordPinResult(
	tx: Query,
	siteId: number,
	result: { failures: number; lockedUntil: number | null },
	now: number
): Promise<void> {
	await tx.run(
		'UPDATE station_settings SET pin_failures = ?, locked_until = ?, updated_at = ? WHERE site_id = ?',
		[result.failures, result.lockedUntil, now, siteId]
	);
}

export const stationsRepo: SqlRepo<StationsRepo> = {
	insertService,
	serviceById,
	siteServices,
	sitesWithServices,
	updateServiceState,
	updateService,
	appendStationEvent,
	stationEvents,
	stationSettings,
	setStaffPinHash,
	recordPinResult
};
