/**
 * Identifiers a kiosk makes before it talks to the hub, so a slip can be printed offline.
 * Uses only Web Crypto, which both browsers and Node 20 provide as globalThis.crypto.
 */

/** Crockford base32 in lower case: no i, l, o, u, so a code read off paper is not misread. */
export const CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 13 characters × 5 bits = 65 bits of randomness: unguessable and collision-free in practice. */
export const CODE_LENGTH = 13;
export const CODE_PATTERN = /^[0-9a-hjkmnp-tv-z]{13}$/;

export const WISH_ID_PATTERN =
	/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A ticket is the kiosk's prefix and its own counter, e.g. "A3-0042": unique without asking the hub. */
export const TICKET_PREFIX_PATTERN = /^[A-Z][A-Z0-9]{0,2}$/;
/** Up to twelve digits: no kiosk's counter can be pushed past what the format takes. */
export const TICKET_PATTERN = /^[A-Z][A-Z0-9]{0,2}-\d{4,12}$/;

/**
 * How far a kiosk's new ticket may run ahead of the highest the hub holds from it. Wishes arrive
 * oldest first, so a kiosk's next ticket is its last plus one; a jump beyond this is a forged or
 * broken counter, refused before it can move the kiosk's numbering.
 */
export const MAX_TICKET_JUMP = 10_000;

export function ticketPrefixOf(ticketNo: string): string {
	return ticketNo.slice(0, ticketNo.indexOf('-'));
}

/** bytes: CODE_LENGTH random bytes, for a caller that draws randomness in bulk (the bench). */
export function newCode(bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH))): string {
	let out = '';
	// 256 is a multiple of 32, so masking keeps every character equally likely.
	for (const b of bytes) out += CODE_ALPHABET[b & 31];
	return out;
}

/** Normalizes a code typed by a person: case, spaces and dashes do not matter. */
export function normalizeCode(input: string): string {
	return input.toLowerCase().replace(/[\s-]/g, '');
}

/** Groups a code for print and for reading aloud: "k3m9-x2pq-r7tv-a". */
export function formatCode(code: string): string {
	return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** UUID v7 (RFC 9562): time-ordered, so ids sort by creation and index well. b: 16 random bytes. */
export function newWishId(
	now: number = Date.now(),
	b = crypto.getRandomValues(new Uint8Array(16))
): string {
	let ms = now;
	for (let i = 5; i >= 0; i--) {
		b[i] = ms % 256;
		ms = Math.floor(ms / 256);
	}
	b[6] = (b[6]! & 0x0f) | 0x70;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function formatTicket(prefix: string, counter: number): string {
	return `${prefix}-${String(counter).padStart(4, '0')}`;
}

export function ticketCounter(ticketNo: string): number {
	return Number(ticketNo.slice(ticketNo.indexOf('-') + 1));
}
