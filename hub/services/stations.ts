/**
 * Warm-station use cases: the live service list, staff flipping a state (desk, or the kiosk's
 * PIN panel), admin edits, the staff PIN and the anonymous visit counter. Inputs are validated by
 * the caller (socket layer or form action). Every change is one transaction with one station
 * event (and an audit row), broadcast to the site's kiosks only after COMMIT.
 */
import { ErrorCode } from '../../shared/errors.ts';
import {
	activitiesHeld,
	peopleServedAtSites,
	shanghaiDate,
	shanghaiRange
} from '../../shared/domain/figures.ts';
import { formatHours, parseHours } from '../../shared/domain/hours.ts';
import type {
	ServiceEdit,
	ServiceStateChange,
	StationService,
	StationView
} from '../../shared/schemas/stations.ts';
import type { StaffPrincipal } from '../../shared/schemas/desk.ts';

import { type SiteRow } from '../store/sites.ts';
import { toStationService, type ServiceRow } from '../store/stations.ts';

import type { Store, Repos } from '../store/store.ts';
import type { Broadcaster } from '../infra/broadcaster.ts';
import { hashSecret, verifySecret } from '../infra/secrets.ts';
import { requireRole } from './staff/roles.ts';
import type { Outcome } from '../../shared/errors.ts';

export interface StationTuning {
	/** A kiosk counts at most one visit per this many ms (a double tap is one person). */
	visitGapMs: number;
	/** Wrong staff PINs in a row before the kiosk panel locks, and for how long. */
	maxPinFailures: number;
	pinLockMs: number;
}

export const DEFAULT_STATION_TUNING: StationTuning = {
	visitGapMs: 3_000,
	maxPinFailures: 5,
	pinLockMs: 15 * 60_000
};

/** Who flips a state: a signed-in desk user, or someone with the site's PIN at a kiosk. */
export type StationActor =
	{ kind: 'staff'; who: StaffPrincipal } | { kind: 'kiosk'; kioskId: number; siteId: number };

/** The township's station measures for a site (or all sites) over a range of Shanghai days. */
export interface StationFigures {
	visits: number;
	/** 举办活动场次: activity dates with anyone marked present. */
	activitiesHeld: number;
	attendances: number;
	resolvedWishes: number;
	/** visits + attendances + resolved wishes (shared/domain/figures.ts). */
	peopleServed: number;
}

export interface StationSite {
	site: SiteRow;
	services: StationService[];
	hasPin: boolean;
}

type Refusal = { ok: false; error: ErrorCode; message: string };

export function createStationService(opts: {
	store: Store;
	broadcaster: Pick<Broadcaster, 'station'>;
	now?: () => number;
	tuning?: Partial<StationTuning>;
}) {
	const { store, broadcaster } = opts;
	const now = opts.now ?? Date.now;
	const tuning = { ...DEFAULT_STATION_TUNING, ...opts.tuning };

	function actorName(by: StationActor): string {
		return by.kind === 'staff' ? `staff:${by.who.id}` : `kiosk:${by.kioskId}`;
	}

	/** Writes the event and the audit row of a change already made to `row`; returns the new seq. */
	async function record(
		tx: Repos,
		row: ServiceRow,
		type: string,
		by: StationActor,
		before: unknown,
		after: unknown,
		at: number
	): Promise<number> {
		const seq = await tx.stations.appendStationEvent({
			siteId: row.site_id,
			type,
			subject: `service:${row.id}`,
			actor: actorName(by),
			data: { before, after },
			at
		});
		await tx.audit.appendAudit({
			staffId: by.kind === 'staff' ? by.who.id : null,
			action: by.kind === 'staff' ? `station.${type}` : `station.${type}.kiosk_pin`,
			targetType: 'station_service',
			targetId: row.id,
			before,
			after,
			at
		});
		return seq;
	}

	async function commitAndBroadcast(
		fn: (tx: Repos) => Promise<Outcome<ServiceRow>>
	): Promise<Outcome<StationService>> {
		const r = await store.transaction(fn);
		if (!r.ok) return r;
		const service = toStationService(r.value);
		broadcaster.station?.(r.value.site_id, service);
		return { ok: true, value: service };
	}

	async function checkPin(siteId: number, pin: string): Promise<Refusal | null> {
		const at = now();
		const settings = await store.stations.stationSettings(siteId);
		if (!settings?.staff_pin_hash) {
			return { ok: false, error: ErrorCode.forbidden, message: 'this site has no staff PIN' };
		}
		if (settings.locked_until !== null && settings.locked_until > at) {
			return { ok: false, error: ErrorCode.locked, message: 'too many wrong PINs; wait' };
		}
		const good = await verifySecret(pin, settings.staff_pin_hash);
		const failures = good ? 0 : settings.pin_failures + 1;
		const lockedUntil = failures >= tuning.maxPinFailures ? at + tuning.pinLockMs : null;
		if (good || failures !== settings.pin_failures) {
			await store.stations.recordPinResult(
				siteId,
				{ failures: lockedUntil ? 0 : failures, lockedUntil },
				at
			);
		}
		if (good) return null;
		return lockedUntil
			? { ok: false, error: ErrorCode.locked, message: 'too many wrong PINs; wait' }
			: { ok: false, error: ErrorCode.badCredentials, message: 'wrong PIN' };
	}

	/** Staff flip a state or a note. A kiosk may only touch its own site's services. */
	async function setState(
		by: StationActor,
		change: ServiceStateChange
	): Promise<Outcome<StationService>> {
		if (by.kind === 'staff') {
			const refused = requireRole(by.who, 'dispatcher');
			if (refused) return refused;
		}
		const at = now();
		return commitAndBroadcast(async (tx) => {
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

	return {
		tuning,
		setState,

		/** What a kiosk shows: the site's live services and today's visits. */
		async view(siteId: number): Promise<StationView> {
			const [rows, visitsToday] = await Promise.all([
				store.stations.siteServices(siteId),
				store.visits.visitsOn(siteId, shanghaiDate(now()))
			]);
			return { services: rows.map(toStationService), visitsToday };
		},

		/** The desk's panel: every site with services (stations first), retired services included. */
		async sites(): Promise<StationSite[]> {
			const sites = await store.sites.listSites();
			const out: StationSite[] = [];
			for (const site of sites) {
				const rows = await store.stations.siteServices(site.id, { withRetired: true });
				const settings = await store.stations.stationSettings(site.id);
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
		},

		/** The kiosk's staff panel: the PIN first (with lockout), then the same change as the desk. */
		async setStateWithPin(
			kiosk: { kioskId: number; siteId: number },
			change: ServiceStateChange & { pin: string }
		): Promise<Outcome<StationService>> {
			const refused = await checkPin(kiosk.siteId, change.pin);
			if (refused) return refused;
			const { pin: _pin, ...rest } = change;
			return setState({ kind: 'kiosk', ...kiosk }, rest);
		},

		/** Opens the kiosk's panel: a PIN check that changes nothing but the failure count. */
		async unlock(siteId: number, pin: string): Promise<Outcome<null>> {
			const refused = await checkPin(siteId, pin);
			return refused ?? { ok: true, value: null };
		},

		/** Admin: a new service, or changes to name, icon, hours, order, retirement. */
		async saveService(
			who: StaffPrincipal,
			target: { siteId: number } | { serviceId: number },
			edit: ServiceEdit
		): Promise<Outcome<StationService>> {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			const hours = parseHours(edit.hours);
			if (!hours.ok) return { ok: false, error: ErrorCode.invalidPayload, message: hours.error };
			const clean = { ...edit, hours: formatHours(hours.rules) };
			const at = now();
			const by: StationActor = { kind: 'staff', who };
			return commitAndBroadcast(async (tx) => {
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
		},

		/** Admin: sets (or with null, removes) the site's staff PIN for the kiosk panel. */
		async setPin(who: StaffPrincipal, siteId: number, pin: string | null): Promise<Outcome<null>> {
			const refused = requireRole(who, 'admin');
			if (refused) return refused;
			const hash = pin === null ? null : await hashSecret(pin);
			const at = now();
			return store.transaction(async (tx) => {
				if (!(await tx.sites.siteById(siteId))) {
					return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
				}
				const had = Boolean((await tx.stations.stationSettings(siteId))?.staff_pin_hash);
				await tx.stations.setStaffPinHash(siteId, hash, at);
				await tx.audit.appendAudit({
					staffId: who.id,
					action: pin === null ? 'station.pin_removed' : 'station.pin_set',
					targetType: 'site',
					targetId: siteId,
					// Never the PIN or its hash: only whether one exists.
					before: { hasPin: had },
					after: { hasPin: pin !== null },
					at
				});
				return { ok: true, value: null };
			});
		},

		/**
		 * Station figures for the Shanghai days from..to (inclusive), per site and in total, for the
		 * desk's station page and its figures page. Dates are "YYYY-MM-DD" (checked by the caller).
		 */
		async figures(
			from: string,
			to: string
		): Promise<{ total: StationFigures; bySite: Map<number, StationFigures> }> {
			const { start, end } = shanghaiRange(from, to);
			const [visits, attendance, resolved] = await Promise.all([
				store.visits.visitsByDay(from, to),
				store.activities.attendanceByOccurrence(from, to),
				store.stationFigures.resolvedBySite(start, end)
			]);
			const siteIds = new Set([
				...visits.map((r) => r.site_id),
				...attendance.map((r) => r.site_id),
				...resolved.map((r) => r.site_id)
			]);
			const of = (siteId: number | null): StationFigures => {
				const mine = <T extends { site_id: number }>(rows: T[]) =>
					siteId === null ? rows : rows.filter((r) => r.site_id === siteId);
				const parts = {
					visits: mine(visits).reduce((n, r) => n + r.n, 0),
					attendances: mine(attendance).reduce((n, r) => n + r.attended, 0),
					resolvedWishes: mine(resolved).reduce((n, r) => n + r.n, 0)
				};
				const held = activitiesHeld(
					mine(attendance).map((r) => ({
						activityId: r.activity_id,
						date: r.occurrence,
						attended: r.attended
					}))
				);
				return { ...parts, activitiesHeld: held, peopleServed: peopleServedAtSites(parts) };
			};
			return { total: of(null), bySite: new Map([...siteIds].map((id) => [id, of(id)])) };
		},

		/** 我来过 · 签到: one anonymous visit, unless this kiosk counted one a moment ago. */
		async visit(kiosk: {
			kioskId: number;
			siteId: number;
		}): Promise<Outcome<{ visitsToday: number }>> {
			const at = now();
			const day = shanghaiDate(at);
			return store.transaction(async (tx) => {
				const last = await tx.visits.lastVisitAt(kiosk.kioskId);
				if (last !== null && at - last < tuning.visitGapMs) {
					return { ok: false, error: ErrorCode.rateLimited, message: 'visit just counted' };
				}
				await tx.visits.insertVisit({ siteId: kiosk.siteId, kioskId: kiosk.kioskId, day, at });
				return { ok: true, value: { visitsToday: await tx.visits.visitsOn(kiosk.siteId, day) } };
			});
		}
	};
}

export type StationServiceApi = ReturnType<typeof createStationService>;
