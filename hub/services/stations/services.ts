/**
 * The services a station offers: the kiosk's live list, the desk's panel of every site, staff
 * flipping a state or a note, and admin edits (name, icon, hours, order, retirement).
 */
import { shanghaiDate } from '../../../shared/domain/figures.ts';
import { formatHours, parseHours } from '../../../shared/domain/hours.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type {
	ServiceEdit,
	ServiceStateChange,
	StationService,
	StationView
} from '../../../shared/schemas/stations.ts';
import type { SiteRow } from '../../store/sites.ts';
import { toStationService, type ServiceRow } from '../../store/stations.ts';
import { requireRole } from '../staff/roles.ts';
import { commitAndBroadcast, record, type StationActor, type StationDeps } from './deps.ts';

export interface StationSite {
	site: SiteRow;
	services: StationService[];
	hasPin: boolean;
}

/** Staff flip a state or a note. A kiosk may only touch its own site's services. */
export async function setState(
	d: StationDeps,
	by: StationActor,
	change: ServiceStateChange
): Promise<Outcome<StationService>> {
	if (by.kind === 'staff') {
		const refused = requireRole(by.who, 'dispatcher');
		if (refused) return refused;
	}
	const at = d.now();
	return commitAndBroadcast(d, async (tx) => {
		const row = await tx.stations.serviceById(change.serviceId);
		if (!row || row.active !== 1) {
			return { ok: false, error: ErrorCode.notFound, message: 'no such service' };
		}
		if (by.kind === 'kiosk' && row.site_id !== by.siteId) {
			return { ok: false, error: ErrorCode.wrongSite, message: 'not this kiosk’s site' };
		}
		// Pressing the state it already has is not a change: no event, no broadcast noise.
		if (row.state === change.state && row.note === change.note) return { ok: true, value: row };
		const before = { state: row.state, note: row.note };
		const after = { state: change.state, note: change.note };
		const seq = await record(tx, row, 'service_state', by, before, after, at);
		await tx.stations.updateServiceState(row.id, { ...after, seq }, at);
		return { ok: true, value: (await tx.stations.serviceById(row.id))! };
	});
}

/** What a kiosk shows: the site's live services and today's visits. */
export async function view(d: StationDeps, siteId: number): Promise<StationView> {
	const [rows, visitsToday] = await Promise.all([
		d.store.stations.siteServices(siteId),
		d.store.visits.visitsOn(siteId, shanghaiDate(d.now()))
	]);
	return { services: rows.map(toStationService), visitsToday };
}

/** The desk's panel: every site with services (stations first), retired services included. */
export async function sites(d: StationDeps): Promise<StationSite[]> {
	const all = await d.store.sites.listSites();
	const out: StationSite[] = [];
	for (const site of all) {
		const rows = await d.store.stations.siteServices(site.id, { withRetired: true });
		const settings = await d.store.stations.stationSettings(site.id);
		out.push({
			site,
			services: rows.map(toStationService),
			hasPin: Boolean(settings?.staff_pin_hash)
		});
	}
	return out.sort(
		(a, b) =>
			Number(b.site.kind === 'station') - Number(a.site.kind === 'station') ||
			Number(b.services.length > 0) - Number(a.services.length > 0) ||
			a.site.id - b.site.id
	);
}

/** Admin: a new service, or changes to name, icon, hours, order, retirement. */
export async function saveService(
	d: StationDeps,
	who: StaffPrincipal,
	target: { siteId: number } | { serviceId: number },
	edit: ServiceEdit
): Promise<Outcome<StationService>> {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	const hours = parseHours(edit.hours);
	if (!hours.ok) return { ok: false, error: ErrorCode.invalidPayload, message: hours.error };
	const clean = { ...edit, hours: formatHours(hours.rules) };
	const at = d.now();
	const by: StationActor = { kind: 'staff', who };
	return commitAndBroadcast(d, async (tx) => {
		let row: ServiceRow | undefined;
		let before: unknown = null;
		if ('siteId' in target) {
			if (!(await tx.sites.siteById(target.siteId))) {
				return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
			}
			const id = await tx.stations.insertService({ siteId: target.siteId, ...clean }, at);
			row = (await tx.stations.serviceById(id))!;
		} else {
			row = await tx.stations.serviceById(target.serviceId);
			if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such service' };
			const { icon, name, hours: h, position, active } = row;
			before = { icon, name, hours: h, position, active: active === 1 };
		}
		const seq = await record(tx, row, 'service_edited', by, before, clean, at);
		await tx.stations.updateService(row.id, { ...clean, seq }, at);
		return { ok: true, value: (await tx.stations.serviceById(row.id))! };
	});
}
