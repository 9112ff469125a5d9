/** Reason codes on the wire. The kiosk maps each to a Chinese message in its catalogue. */
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
	// Members, claims and ratings (issue 4).
	badCredentials: 'bad_credentials',
	locked: 'locked',
	alreadyClaimed: 'already_claimed',
	notYours: 'not_yours',
	tooLate: 'too_late',
	// Warm stations and activities (issue 6).
	full: 'full'
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type AckResult<T> =
	{ ok: true; value: T } | { ok: false; error: ErrorCode; message: string; issues?: string[] };

export function fail(error: ErrorCode, message: string, issues?: string[]): AckResult<never> {
	return issues ? { ok: false, error, message, issues } : { ok: false, error, message };
}

export function ok<T>(value: T): AckResult<T> {
	return { ok: true, value };
}
