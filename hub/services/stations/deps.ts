/**
 * What the warm-station use cases share: the store, the broadcaster, the clock, the tuning, and
 * the one way a service change is written (its station event and its audit row) and told to the
 * site's kiosks after COMMIT.
 */
import type { Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { StationService } from '../../../shared/schemas/stations.ts';
import type { Broadcaster } from '../../infra/broadcaster.ts';
import { toStationService, type ServiceRow } from '../../store/stations.ts';
import type { Repos, Store } from '../../store/store.ts';

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

export interface StationOptions {
	store: Store;
	broadcaster: Pick<Broadcaster, 'station'>;
	now?: () => number;
	tuning?: Partial<StationTuning>;
}

export interface StationDeps {
	store: Store;
	broadcaster: Pick<Broadcaster, 'station'>;
	now: () => number;
	/** One object for the life of the service: the use cases read it at each call. */
	tuning: StationTuning;
}

export function stationDeps(opts: StationOptions): StationDeps {
	return {
		store: opts.store,
		broadcaster: opts.broadcaster,
		now: opts.now ?? Date.now,
		tuning: { ...DEFAULT_STATION_TUNING, ...opts.tuning }
	};
}

/** Who flips a state: a signed-in desk user, or someone with the site's PIN at a kiosk. */
export type StationActor =
	{ kind: 'staff'; who: StaffPrincipal } | { kind: 'kiosk'; kioskId: number; siteId: number };

function actorName(by: StationActor): string {
	return by.kind === 'staff' ? `staff:${by.who.id}` : `kiosk:${by.kioskId}`;
}

/** Writes the event and the audit row of a change already made to `row`; returns the new seq. */
export async function record(
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

/** Runs a service change in one transaction and tells the site's kiosks after COMMIT. */
export async function commitAndBroadcast(
	d: StationDeps,
	fn: (tx: Repos) => Promise<Outcome<ServiceRow>>
): Promise<Outcome<StationService>> {
	const r = await d.store.transaction(fn);
	if (!r.ok) return r;
	const service = toStationService(r.value);
	d.broadcaster.station?.(r.value.site_id, service);
	return { ok: true, value: service };
}
