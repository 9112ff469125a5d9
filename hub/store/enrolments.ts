export interface EnrolmentRow {
	id: number;
	kiosk_id: number;
	expires_at: number;
	used_at: number | null;
}

export interface FleetKioskRow {
	id: number;
	name: string;
	ticket_prefix: string;
	paper_mm: number;
	site_slug: string;
	site_name: string;
	revoked_at: number | null;
	last_seen_at: number | null;
	app_version: string | null;
	heartbeat_at: number | null;
	outbox_length: number | null;
	outbox_oldest_at: number | null;
	printer_error: string | null;
	enrolled_at: number | null;
	pending_until: number | null;
}

export interface EnrolmentsRepo {
	insertEnrolment(
		e: { kioskId: number; codeHash: string; createdBy: number; expiresAt: number },
		now: number
	): Promise<void>;
	enrolmentByCodeHash(codeHash: string): Promise<EnrolmentRow | undefined>;
	/** Marks a code used; false when someone else used it first (the guard makes it once-only). */
	useEnrolment(id: number, now: number): Promise<boolean>;
	/** Gives a kiosk a new device token (its hash) and lifts a revocation: a fresh enrolment. */
	setKioskToken(kioskId: number, tokenHash: string): Promise<void>;
	revokeKiosk(kioskId: number, now: number): Promise<boolean>;
	fleetKiosks(now: number): Promise<FleetKioskRow[]>;
}
