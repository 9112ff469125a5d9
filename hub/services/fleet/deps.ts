/**
 * What the administration use cases share: the store, the clock, the socket server, the public
 * URL, the running auto-release timer; and the one shape every admin change takes.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Repos, Store } from '../../store/store.ts';
import { requireRole } from '../staff/roles.ts';

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

export type Refusal = { ok: false; error: ErrorCode; message: string };

/** A repeated unique key becomes a conflict refusal carrying `message`; anything else rethrows. */
export function conflictOr(store: Store, err: unknown, message: string): Refusal {
	if (store.isUniqueViolation(err)) return { ok: false, error: ErrorCode.conflict, message };
	throw err;
}

/** What an admin change returns: a refusal, or its value and the audit row that records it. */
export type AdminResult<T> =
	| Refusal
	| {
			ok: true;
			value: T;
			audit: {
				action: string;
				targetType: string;
				targetId: string | number;
				before: unknown;
				after: unknown;
			};
	  };

/**
 * Runs an admin change: role check, one transaction, one audit row from what fn returns. A unique
 * key fn repeats is refused as a conflict with `conflictMessage`.
 */
export async function adminChange<T>(
	d: FleetDeps,
	by: StaffPrincipal,
	fn: (tx: Repos, at: number) => Promise<AdminResult<T>>,
	conflictMessage = 'already exists'
): Promise<Outcome<T>> {
	const refused = requireRole(by, 'admin');
	if (refused) return refused;
	try {
		return await d.store.transaction(async (tx) => {
			const at = d.now();
			const r = await fn(tx, at);
			if (!r.ok) return r;
			await tx.audit.appendAudit({ staffId: by.id, ...r.audit, at });
			return { ok: true, value: r.value };
		});
	} catch (err) {
		return conflictOr(d.store, err, conflictMessage);
	}
}
