import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

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

/** scrypt cost: N=2^14, r=8, p=1 (about 50 ms and 16 MB here), a 16-byte salt and a 32-byte key. */
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptKey(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(
			secret.normalize('NFC'),
			salt,
			SCRYPT.keylen,
			{ N: n, r, p, maxmem: 64 * 1024 * 1024 },
			(err, key) => (err ? reject(err) : resolve(key))
		)
	);
}

/** A password or PIN hash: "scrypt$N$r$p$salt$key" (base64url), with a fresh random salt. */
export async function hashSecret(secret: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scryptKey(secret, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
	return [
		'scrypt',
		SCRYPT.N,
		SCRYPT.r,
		SCRYPT.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

/** Constant-time check of a secret against hashSecret's output; a malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await scryptKey(
		secret,
		Buffer.from(salt, 'base64url'),
		Number(n),
		Number(r),
		Number(p)
	).catch(() => null);
	return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}
