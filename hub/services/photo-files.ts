/**
 * Photo files under <data>/photos: the type by the bytes (never by the name), at most 5 MB, written
 * whole or not at all, and removed again when the row that names them could not be written. Wish
 * photos (claims.ts) and household visit photos (pairing/) both keep their files here.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, type Outcome } from '../../shared/errors.ts';
import type { PhotoMime } from '../store/photos.ts';

export const PHOTO_DIR = 'photos';
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Which image a byte string is, by its first bytes (never by its name or declared type). */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
	const at = (i: number, ...sig: number[]) => sig.every((b, k) => bytes[i + k] === b);
	if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
	return null;
}

const EXT: Record<PhotoMime, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

export interface PhotoFile {
	id: string;
	file: string;
	mime: PhotoMime;
	bytes: number;
}

/**
 * Checks and writes the bytes, then runs `record` (the row naming the file); the file is removed
 * again when `record` throws.
 */
export async function keepPhoto(
	dataDir: string,
	bytes: Uint8Array,
	record: (photo: PhotoFile) => Promise<void>
): Promise<Outcome<{ id: string }>> {
	if (bytes.length > MAX_PHOTO_BYTES) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'photo_too_big' };
	}
	const mime = sniffImage(bytes);
	if (!mime) return { ok: false, error: ErrorCode.invalidPayload, message: 'photo_bad_type' };
	const id = randomBytes(16).toString('base64url');
	const file = `${id}.${EXT[mime]}`;
	const dir = join(dataDir, PHOTO_DIR);
	await mkdir(dir, { recursive: true });
	const partial = join(dir, `${file}.partial`);
	await writeFile(partial, bytes, { mode: 0o600 });
	await rename(partial, join(dir, file));
	try {
		await record({ id, file, mime, bytes: bytes.length });
	} catch (err) {
		await rm(join(dir, file), { force: true });
		throw err;
	}
	return { ok: true, value: { id } };
}

export function readPhoto(dataDir: string, file: string): Promise<Buffer> {
	return readFile(join(dataDir, PHOTO_DIR, file));
}
