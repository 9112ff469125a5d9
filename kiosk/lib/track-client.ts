/** The kiosk's two track events over its one socket, with a timeout so a dead link never hangs. */
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import type { KioskRate, TrackLookup, TrackView } from '$shared/schemas/members.ts';
import type { KioskSession } from '$lib/kiosk-session.svelte.ts';

const ACK_TIMEOUT_MS = 10_000;
const timedOut = { ok: false, error: ErrorCode.unavailable, message: ErrorCode.timeout } as const;

export async function lookup(session: KioskSession, q: TrackLookup): Promise<Outcome<TrackView>> {
	try {
		return await session.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('track:lookup', q);
	} catch {
		return timedOut;
	}
}

export async function rate(session: KioskSession, r: KioskRate): Promise<Outcome<TrackView>> {
	try {
		return await session.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('wish:rate', r);
	} catch {
		return timedOut;
	}
}
