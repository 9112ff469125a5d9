import type { Heartbeat } from '../../shared/schemas/wishes.ts';
import type { SiteRow } from './sites.ts';

export interface KioskRow {
	id: number;
	site_id: number;
	name: string;
	ticket_prefix: string;
	paper_mm: 58 | 80;
	revoked_at: number | null;
	last_seen_at: number | null;
}

export interface KioskAtSite {
	kiosk: KioskRow;
	site: SiteRow;
}

/** A heartbeat as the hub heard it: which kiosk, when, and what it said. */
export interface HeartbeatReport {
	kioskId: number;
	at: number;
	hb: Heartbeat;
}

export interface KiosksRepo {
	insertKiosk(
		kiosk: {
			siteId: number;
			name: string;
			ticketPrefix: string;
			tokenHash: string;
			paperMm: 58 | 80;
		},
		now: number
	): Promise<number>;
	/** Kiosks by token hash with their sites, in one statement for many connecting devices. */
	kiosksByTokenHashes(tokenHashes: readonly string[]): Promise<Map<string, KioskAtSite>>;
	/** Kiosks by id with their sites and the last counter of each one's tickets, for many hellos. */
	kiosksForHello(
		ids: readonly number[]
	): Promise<Map<number, KioskAtSite & { lastTicket: number }>>;
	kioskById(id: number): Promise<KioskRow | undefined>;
	/**
	 * Records when kiosks were last seen, all in one statement: after a hub restart a thousand kiosks
	 * say hello within seconds, and one UPDATE each would hold the writer (and every wish behind it)
	 * for tens of milliseconds.
	 */
	touchKiosks(seen: readonly (readonly [number, number])[]): Promise<void>;
	/**
	 * Writes many kiosks' latest heartbeats in one statement: a thousand kiosks beating once a
	 * minute would otherwise be an fsync'd write every 60 ms beside the wishes.
	 */
	recordHeartbeats(reports: readonly HeartbeatReport[]): Promise<void>;
}
