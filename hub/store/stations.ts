import type { ServiceState, StationService } from '../../shared/schemas/stations.ts';

export interface ServiceRow {
	id: number;
	site_id: number;
	icon: string;
	name: string;
	hours: string;
	state: ServiceState;
	note: string;
	position: number;
	active: 0 | 1;
	seq: number;
	updated_at: number;
	from_need_id: number | null;
	from_need_title: string | null;
}

/** The need a row came from, read by the two `from_need_*` columns both selects add. */
export function fromNeed(row: {
	from_need_id: number | null;
	from_need_title: string | null;
}): { id: number; title: string } | null {
	return row.from_need_id === null
		? null
		: { id: row.from_need_id, title: row.from_need_title ?? '' };
}

export function toStationService(row: ServiceRow): StationService {
	return {
		id: row.id,
		icon: row.icon,
		name: row.name,
		hours: row.hours,
		state: row.state,
		note: row.note,
		position: row.position,
		active: row.active === 1,
		seq: row.seq,
		updatedAt: row.updated_at,
		fromNeed: fromNeed(row)
	};
}

// Station event log ----------------------------------------------------------------------------

export interface NewStationEvent {
	siteId: number;
	type: string;
	subject: string;
	actor: string;
	data: Record<string, unknown>;
	at: number;
}

export interface StationEventRow {
	seq: number;
	site_id: number;
	type: string;
	subject: string;
	actor: string;
	data: string;
	at: number;
}

// Staff PIN for the kiosk's own panel ----------------------------------------------------------

export interface StationSettingsRow {
	site_id: number;
	staff_pin_hash: string | null;
	pin_failures: number;
	locked_until: number | null;
}

export interface StationsRepo {
	insertService(
		s: { siteId: number; icon: string; name: string; hours: string; position: number },
		now: number
	): Promise<number>;
	serviceById(id: number): Promise<ServiceRow | undefined>;
	/** A site's services in display order; retired ones only when asked (the desk's editor). */
	siteServices(siteId: number, opts?: { withRetired?: boolean }): Promise<ServiceRow[]>;
	/** Site ids that have at least one live service: the desk's station panel lists these first. */
	sitesWithServices(): Promise<number[]>;
	updateServiceState(
		id: number,
		change: { state: ServiceState; note: string; seq: number },
		now: number
	): Promise<void>;
	updateService(
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
	): Promise<void>;
	appendStationEvent(e: NewStationEvent): Promise<number>;
	stationEvents(opts: {
		siteId?: number;
		subject?: string;
		limit: number;
	}): Promise<StationEventRow[]>;
	stationSettings(siteId: number): Promise<StationSettingsRow | undefined>;
	setStaffPinHash(siteId: number, hash: string | null, now: number): Promise<void>;
	recordPinResult(
		siteId: number,
		result: { failures: number; lockedUntil: number | null },
		now: number
	): Promise<void>;
}
