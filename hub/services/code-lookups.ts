/**
 * Claim and track codes looked up from phones, limited per client address so the codes cannot be
 * enumerated: each unknown code counts, a code that exists does not (a resident refreshing their
 * page never runs into the limit). While an address is over it, every look-up from it is refused,
 * known code or not; otherwise the answer would still tell a guesser which codes exist.
 */
import { ErrorCode } from '../../shared/errors.ts';
import { addressKey, type FailureLimiter } from '../infra/rate-limit.ts';
import type { Outcome } from '../../shared/errors.ts';

export async function lookUpFrom<T>(
	misses: FailureLimiter,
	from: string,
	find: () => Promise<T | null | undefined>
): Promise<Outcome<T>> {
	const key = addressKey(from);
	const retryAt = misses.begin(key);
	if (retryAt !== null) {
		return { ok: false, error: ErrorCode.rateLimited, message: String(retryAt) };
	}
	const found = await find();
	if (found === null || found === undefined) {
		return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
	}
	misses.succeeded(key);
	return { ok: true, value: found };
}
