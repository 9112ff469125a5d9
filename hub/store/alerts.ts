export interface NewAlert {
	kind: 'wish_rejected' | 'claim_auto_released' | 'outbox_stuck' | 'hop_not_accepted';
	siteId: number | null;
	kioskId: number | null;
	wishId: string | null;
	detail: string;
}

/** A wish the hub refused for good, kept whole for staff (alert kind 'wish_held'). */
export interface HeldWish {
	siteId: number;
	kioskId: number | null;
	/** Null when the submission carried no well-formed id. */
	wishId: string | null;
	/** Why it was refused: the error code and its message. */
	detail: string;
	/** The submission exactly as it came (JSON). */
	payload: string;
}

export interface AlertRow {
	id: number;
	kind: string;
	site_id: number | null;
	kiosk_id: number | null;
	wish_id: string | null;
	detail: string;
	/** The held submission (JSON), for 'wish_held' alerts. */
	payload: string | null;
	created_at: number;
	resolved_at: number | null;
}

export interface AlertsRepo {
	insertAlert(alert: NewAlert, at: number): Promise<number>;
	/** Keeps a refused wish in an alert; a wish id already held keeps its first alert. */
	holdWish(held: HeldWish, at: number): Promise<void>;
	alertById(id: number): Promise<AlertRow | undefined>;
	openAlerts(limit?: number): Promise<AlertRow[]>;
	/** A person looked at it: it leaves the desk's list (the row stays, for the record). */
	resolveAlert(id: number, at: number): Promise<boolean>;
}
