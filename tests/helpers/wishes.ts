/** Valid wish payloads for tests, made the way a kiosk makes them (no hub, no I/O). */
import { formatTicket, newCode, newWishId } from '../../shared/domain/codes.ts';
import type { WishSubmit } from '../../shared/schemas/wishes.ts';

/** A contact that must never appear on a wall: tests search payloads for these strings. */
export const SECRET_NAME = '郭建国';
export const SECRET_PHONE = '13912345678';

/** A valid WishSubmit with ticket `<prefix>-<counter>` and fresh id and codes. */
export function makeWish(
	prefix: string,
	counter: number,
	overrides: Partial<WishSubmit> = {}
): WishSubmit {
	const claimCode = overrides.claimCode ?? newCode();
	let trackCode = overrides.trackCode ?? newCode();
	while (trackCode === claimCode) trackCode = newCode();
	return {
		id: overrides.id ?? newWishId(),
		kind: 'wish',
		category: 'care',
		text: `想请志愿者帮忙打扫房间（${formatTicket(prefix, counter)}）`,
		voice: null,
		contactName: SECRET_NAME,
		contactPhone: SECRET_PHONE,
		ticketNo: formatTicket(prefix, counter),
		claimCode,
		trackCode,
		createdAt: Date.now(),
		...overrides
	};
}

/**
 * Wishes numbered as a kiosk numbers them: its own prefix, on from the last ticket the hub holds
 * of it (the hello says both). `skip` leaves that many numbers free first, for another sender of
 * the same kiosk.
 */
export function numberedAs(
	hello: { ticketPrefix: string; lastTicket: number },
	skip = 0
): (overrides?: Partial<WishSubmit>) => WishSubmit {
	let counter = hello.lastTicket + skip;
	return (overrides = {}) => makeWish(hello.ticketPrefix, ++counter, overrides);
}
