/**
 * Reason codes on the wire, socket acks and HTTP bodies alike. The kiosk maps each to a Chinese
 * message in its catalogue and compares codes through this object, never as raw strings.
 */
export const ErrorCode = {
	invalidPayload: 'invalid_payload',
	protocolMismatch: 'protocol_mismatch',
	unauthorized: 'unauthorized',
	forbidden: 'forbidden',
	notFound: 'not_found',
	conflict: 'conflict',
	forbiddenTransition: 'forbidden_transition',
	wrongSite: 'wrong_site',
	rateLimited: 'rate_limited',
	unavailable: 'unavailable',
	internal: 'internal',
	// Members, claims and ratings.
	badCredentials: 'bad_credentials',
	locked: 'locked',
	alreadyClaimed: 'already_claimed',
	notYours: 'not_yours',
	tooLate: 'too_late',
	// A field worker acted on a view of an item that has changed since (the desk took it back,
	// another step came first): nothing is written, the phone shows the item as it is now.
	stale: 'stale',
	// A kiosk's own ticket number is already on another of its wishes (its data was wiped or
	// restored): the kiosk numbers the wish again and resends it.
	ticketTaken: 'ticket_taken',
	// Warm stations and activities.
	full: 'full',
	// HTTP uploads (voice clips, photos) and methods.
	tooLarge: 'too_large',
	photoTooBig: 'photo_too_big',
	badVoiceType: 'bad_voice_type',
	empty: 'empty',
	methodNotAllowed: 'method',
	// Never sent by the hub: a client's own name for an answer that did not come in time.
	timeout: 'timeout'
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One result shape from a service to the socket ack (and the page that shows it). */
export type Outcome<T> =
	{ ok: true; value: T } | { ok: false; error: ErrorCode; message: string; issues?: string[] };

export function fail(error: ErrorCode, message: string, issues?: string[]): Outcome<never> {
	return issues ? { ok: false, error, message, issues } : { ok: false, error, message };
}

export function ok<T>(value: T): Outcome<T> {
	return { ok: true, value };
}
