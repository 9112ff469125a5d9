import { createHash, randomBytes } from 'node:crypto';

/** A device or session token: 256 random bits, URL-safe. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * Tokens carry 256 bits of entropy, so one SHA-256 is enough to make the stored value useless to a
 * thief; PINs and passwords, which are guessable, use scrypt instead.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
