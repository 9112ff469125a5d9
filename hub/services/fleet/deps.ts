/**
 * What the administration use cases share: the store, the clock, the socket server, the public
 * URL, the running auto-release timer; and the one shape every admin change takes.
 */
import type { Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Repos, Store } from '../../store/store.ts';
import { auditedChange, type AuditedResult } from '../staff/audited.ts';

/** What the fleet needs from the socket server: who is online, and cutting a kiosk off. */
export interface FleetSockets {
	onlineKioskIds(): Promise<Map<number, number>>;
	disconnectKiosk(kioskId: number): Promise<void>;
}

export interface FleetOptions {
	store: Store;
	sockets: () => FleetSockets | null;
	publicUrl: () => string;
	now?: () => number;
	/** The running auto-release timer's threshold (ms), so the admin's setting takes effect live. */
	autoRelease?: { get(): number; set(ms: number): void };
	/** Writes kiosk reports the hub holds in memory (heartbeats), so the overview shows them. */
	flushReports?: () => Promise<void>;
}

export interface FleetDeps {
	store: Store;
	now: () => number;
	/** Null until the socket server is up (and in tests without one). */
	sockets: () => FleetSockets | null;
	publicUrl: () => string;
	autoRelease?: { get(): number; set(ms: number): void };
	flushReports?: () => Promise<void>;
}

export function fleetDeps(opts: FleetOptions): FleetDeps {
	return {
		store: opts.store,
		now: opts.now ?? Date.now,
		sockets: opts.sockets,
		publicUrl: opts.publicUrl,
		autoRelease: opts.autoRelease,
		flushReports: opts.flushReports
	};
}

export { conflictOr, type Refusal } from '../staff/audited.ts';

/** What an admin change returns: a refusal, or its value and the audit row that records it. */
export type AdminResult<T> = AuditedResult<T>;

/**
 * Runs an admin change: role check, one transaction, one audit row from what fn returns. A unique
 * key fn repeats is refused as a conflict with `conflictMessage`.
 */
export function adminChange<T>(
	d: FleetDeps,
	by: StaffPrincipal,
	fn: (tx: Repos, at: number) => Promise<AdminResult<T>>,
	conflictMessage = 'already exists'
): Promise<Outcome<T>> {
	return auditedChange(d, by, 'admin', fn, conflictMessage);
}
