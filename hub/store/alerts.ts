export interface NewAlert {
	kind: 'wish_rejected' | 'claim_auto_released' | 'outbox_stuck';
	siteId: number | null;
	kioskId: number | null;
	wishId: string | null;
	detail: string;
}

export interface AlertRow {
	id: number;
	kind: string;
	site_id: number | null;
	kiosk_id: number | null;
	wish_id: string | null;
	detail: string;
	created_at: number;
}

export interface AlertsRepo {
	insertAlert(alert: NewAlert, at: number): Promise<number>;
	openAlerts(limit?: number): Promise<AlertRow[]>;
	/** A person looked at it: it leaves the desk's list (the row stays, for the record). */
	resolveAlert(id: number, at: number): Promise<boolean>;
}
