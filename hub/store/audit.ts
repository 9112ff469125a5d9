export interface AuditEntry {
	staffId: number | null;
	/** Verb in the desk's vocabulary, e.g. "wish.dispatch", "kiosk.revoke", "staff.create". */
	action: string;
	targetType: string;
	targetId: string | number;
	before: unknown;
	after: unknown;
	at: number;
}

export interface AuditRow {
	id: number;
	staff_id: number | null;
	staff_username: string | null;
	action: string;
	target_type: string;
	target_id: string;
	before_json: string | null;
	after_json: string | null;
	at: number;
}

export interface AuditRepo {
	/** Call inside the transaction that makes the change, so the record and the change stand or fall together. */
	appendAudit(e: AuditEntry): Promise<void>;
	recentAudit(opts: {
		limit: number;
		beforeId?: number;
		targetType?: string;
		targetId?: string;
	}): Promise<AuditRow[]>;
}
