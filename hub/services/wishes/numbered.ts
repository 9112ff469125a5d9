/**
 * Wishes the hub numbers itself (the phone page, the desk, a household visit): the next ticket of
 * a prefix and fresh codes. Senders in this process never pick the same number (`issued` remembers
 * the last one handed out, committed or not); should a number still be taken (another process, a
 * restore), the one write path refuses it with a conflict and the sender tries the next.
 */
import { formatTicket, newCode, newWishId } from '../../../shared/domain/codes.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { PublicWish, WishSubmit } from '../../../shared/schemas/wishes.ts';
import type { Store } from '../../store/store.ts';
import type { SubmitOutcome, Submitter } from './submit.ts';

const TRIES = 5;

/** What one try gets fresh: an id, the next ticket, two different codes, the time. */
export interface Fresh {
	id: string;
	ticketNo: string;
	claimCode: string;
	trackCode: string;
	at: number;
	/** 0 on the first try: a caller with its own id and codes (a held wish) keeps them then. */
	attempt: number;
}

export async function submitNumbered(
	deps: {
		store: Store;
		now: () => number;
		submit: (by: Submitter, wish: WishSubmit) => Promise<SubmitOutcome>;
		/** The last number handed out per prefix in this process. */
		issued: Map<string, number>;
	},
	by: Submitter,
	prefix: string,
	build: (fresh: Fresh) => WishSubmit
): Promise<Outcome<{ stored: PublicWish; wish: WishSubmit }>> {
	for (let attempt = 0; attempt < TRIES; attempt++) {
		const at = deps.now();
		const claimCode = newCode();
		let trackCode = newCode();
		while (trackCode === claimCode) trackCode = newCode();
		const stored = await deps.store.tickets.lastTicketWithPrefix(prefix);
		// Read after the await: a sender that read the same stored number meanwhile took it.
		const next = Math.max(stored, deps.issued.get(prefix) ?? 0) + 1;
		deps.issued.set(prefix, next);
		const wish = build({
			id: newWishId(at),
			ticketNo: formatTicket(prefix, next),
			claimCode,
			trackCode,
			at,
			attempt
		});
		const r = await deps.submit(by, wish);
		if (!r.ok && r.error === ErrorCode.conflict) continue;
		if (!r.ok) return { ok: false, error: r.error, message: r.message };
		return { ok: true, value: { stored: r.value, wish } };
	}
	return { ok: false, error: ErrorCode.conflict, message: 'could not find a free ticket number' };
}
