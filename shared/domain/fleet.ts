/**
 * When a kiosk needs a person (DESIGN.md §7): the desk's fleet view flags these, so a kiosk that
 * lost its link or an outbox that stopped draining is noticed before residents are let down.
 */

/** A kiosk not connected for longer than this is "offline" on the desk. */
export const KIOSK_OFFLINE_AFTER_MS = 5 * 60_000;
/** An outbox still holding a wish this old is not draining. */
export const OUTBOX_STUCK_AFTER_MS = 5 * 60_000;

export type KioskWarning =
	| { kind: 'offline'; since: number }
	| { kind: 'outbox_stuck'; queued: number; since: number }
	| { kind: 'printer'; detail: string };

export interface KioskHealthInput {
	revoked_at: number | null;
	/** Live sockets of this kiosk right now. */
	online: number;
	last_seen_at: number | null;
	outbox_length: number | null;
	outbox_oldest_at: number | null;
	printer_error: string | null;
}

export function kioskWarnings(k: KioskHealthInput, now: number): KioskWarning[] {
	if (k.revoked_at !== null) return [];
	const warnings: KioskWarning[] = [];
	// A kiosk never seen is still being set up: nothing to chase yet.
	if (k.online === 0 && k.last_seen_at !== null && now - k.last_seen_at > KIOSK_OFFLINE_AFTER_MS)
		warnings.push({ kind: 'offline', since: k.last_seen_at });
	const queued = k.outbox_length ?? 0;
	if (queued > 0 && k.outbox_oldest_at !== null && now - k.outbox_oldest_at > OUTBOX_STUCK_AFTER_MS)
		warnings.push({ kind: 'outbox_stuck', queued, since: k.outbox_oldest_at });
	if (k.printer_error) warnings.push({ kind: 'printer', detail: k.printer_error });
	return warnings;
}
