/**
 * A photo from a phone to the hub (POST /api/photos?c=<claim-code>, or ?h=<household-id> for a
 * pairing visit), before the form that refers to it by id: the member's 已完成, the field worker's
 * steps, the paired member's visit. The hub checks who may upload and
 * what the bytes are; this checks size and kind first so a weak village link does not carry 5 MB
 * only to be refused.
 */
import { ErrorCode } from '$shared/errors.ts';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** The reason codes the pages' catalogues name (claim.errors, field.errors). */
export type PhotoError = ErrorCode | 'photo_bad_type';

export type PhotoUpload = { ok: true; id: string } | { ok: false; error: PhotoError };

/**
 * Uploads one picked file for a wish (`c`: its claim code) or a household (`h`: its id); resolves
 * with the photo's id or a reason code, never throws.
 */
export async function uploadPhoto(
	owner: string,
	file: File,
	param: 'c' | 'h' = 'c'
): Promise<PhotoUpload> {
	if (file.size > MAX_PHOTO_BYTES) return { ok: false, error: ErrorCode.photoTooBig };
	// A declared type that is not an image will be refused by its bytes anyway: say so at once.
	if (file.type && !file.type.startsWith('image/')) return { ok: false, error: 'photo_bad_type' };
	const res = await fetch(`/api/photos?${param}=${encodeURIComponent(owner)}`, {
		method: 'POST',
		headers: { 'content-type': 'application/octet-stream' },
		body: file
	}).catch(() => null);
	if (!res) return { ok: false, error: ErrorCode.unavailable };
	if (res.status === 413) return { ok: false, error: ErrorCode.photoTooBig };
	if (res.status === 415) return { ok: false, error: 'photo_bad_type' };
	const body = (await res.json().catch(() => ({}))) as { id?: string; error?: ErrorCode };
	if (res.ok && body.id) return { ok: true, id: body.id };
	return { ok: false, error: body.error ?? ErrorCode.internal };
}

/** The picked file of a form's photo input, if one was picked (and the field taken out). */
export function takePhoto(formData: FormData, name = 'photo'): File | null {
	const file = formData.get(name);
	formData.delete(name);
	return file instanceof File && file.size > 0 ? file : null;
}
