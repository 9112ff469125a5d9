/**
 * New wishes, whoever sends them (kiosk outbox, phone page, desk): a replay is told from a clash,
 * a kiosk's tickets are held to its own prefix and counter, what is refused for good from a kiosk
 * is held for staff, and the rest are written with their events, numbered after the log's head.
 */

import { maskName } from '../../../shared/domain/privacy.ts';

import { MAX_TICKET_JUMP, ticketCounter, ticketPrefixOf } from '../../../shared/domain/codes.ts';
import { EVENT_TYPES } from '../../../shared/domain/wish.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { PublicWish, WishSubmit } from '../../../shared/schemas/wishes.ts';

import type { NewEvent } from '../../store/events.ts';
import type { Repos } from '../../store/store.ts';
import { toPublicWish, type Channel, type NewWish } from '../../store/wishes.ts';
import { committedOf, countersAfter, counterChange, type Written, type SlugsOf } from './commit.ts';
import { readEachTime, type Known } from './known.ts';

/** Who submits: the kiosk, phone page or desk user the wish comes from. */
export interface Submitter {
	siteId: number;
	kioskId: number | null;
	channel: Channel;
	actor: string;
	/** Extra data for the submitted event (e.g. how a desk caller came: walk-in or phone). */
	data?: Record<string, unknown>;
	/** Runs inside the transaction after a new wish is stored (e.g. the desk's audit row). */
	after?: (tx: Repos, wish: PublicWish) => Promise<void>;
	/** A kiosk's own ticket prefix: its tickets must carry it (the hub numbers everyone else's). */
	ticketPrefix?: string;
}

/**
 * A submission's answer: stored (new or a replay), refused, or refused and held. A kiosk's wish
 * the hub refuses for good is kept whole for staff (a desk alert they can accept into the queue),
 * so the kiosk may let it go: nothing a resident was given a slip for is dropped.
 */
export type SubmitOutcome =
	Outcome<PublicWish> | { ok: false; error: ErrorCode; message: string; held: true };

export interface Submission {
	by: Submitter;
	wish: WishSubmit;
}

/** What a new wish looks like on the wall once written: open, nobody holding it. */
function publicOf(row: NewWish, siteSlug: string): PublicWish {
	return {
		id: row.id,
		siteSlug,
		kind: row.kind,
		category: row.category,
		text: row.text,
		voiceMs: row.voiceMs,
		maskedName: maskName(row.contactName),
		status: 'open',
		helperName: null,
		ticketNo: row.ticketNo,
		claimCode: row.claimCode,
		createdAt: row.createdAt,
		updatedAt: row.receivedAt,
		seq: row.seq
	};
}

function newRow({ by, wish }: Submission, receivedAt: number, seq: number): NewWish {
	return {
		id: wish.id,
		siteId: by.siteId,
		kioskId: by.kioskId,
		channel: by.channel,
		kind: wish.kind,
		category: wish.category,
		text: wish.text,
		voiceMs: wish.voice?.durationMs ?? null,
		voiceMime: wish.voice?.mime ?? null,
		contactName: wish.contactName.trim(),
		contactPhone: wish.contactPhone,
		ticketNo: wish.ticketNo,
		claimCode: wish.claimCode,
		trackCode: wish.trackCode,
		createdAt: wish.createdAt,
		receivedAt,
		seq
	};
}

/**
 * Writes a batch of submissions; one outcome per submission, in order. A submission whose id is
 * stored (or earlier in the batch) is a replay, answered with what is stored; one whose ticket
 * or code another wish holds is refused as a conflict. The rest are written with their submitted
 * events, numbered after the log's head in batch order.
 */
export async function writeSubmissions(
	tx: Repos,
	batch: readonly Submission[],
	receivedAt: number,
	slugsOf: SlugsOf,
	known: Known = readEachTime
): Promise<{ outcomes: SubmitOutcome[]; written: Written }> {
	const stored = await tx.wishes.wishesSharingKeys(batch.map((s) => s.wish));
	const byId = new Map(stored.map((r) => [r.id, r]));
	const tickets = new Map(stored.map((r) => [r.ticket_no, r.kiosk_id]));
	const taken = {
		claim: new Set(stored.map((r) => r.claim_code)),
		track: new Set(stored.map((r) => r.track_code))
	};
	const lastTicket = new Map<string, number>();
	for (const prefix of new Set(batch.flatMap((s) => s.by.ticketPrefix ?? []))) {
		lastTicket.set(prefix, await known.lastTicket(tx, prefix));
	}
	const fresh: { index: number; submission: Submission }[] = [];
	const firstOfId = new Map<string, number>();
	const held: { submission: Submission; error: ErrorCode; message: string }[] = [];
	/** A kiosk's wish refused for good is held for staff; anyone else's is refused plainly. */
	const refuse = (s: Submission, error: ErrorCode, message: string): SubmitOutcome => {
		if (s.by.channel !== 'kiosk') return { ok: false, error, message };
		held.push({ submission: s, error, message });
		return { ok: false, error, message, held: true };
	};
	const outcomes: (SubmitOutcome | undefined)[] = batch.map((s, index) => {
		const { by, wish } = s;
		const prior = byId.get(wish.id);
		if (prior) {
			return prior.site_id === by.siteId && prior.kiosk_id === by.kioskId
				? { ok: true, value: { ...toPublicWish(prior), seq: prior.seq } }
				: refuse(s, ErrorCode.conflict, 'wish id belongs to another kiosk');
		}
		const earlier = firstOfId.get(wish.id);
		if (earlier !== undefined) {
			const first = batch[earlier]!.by;
			// Answered below with the first one's outcome, once it has a seq.
			return first.siteId === by.siteId && first.kioskId === by.kioskId
				? undefined
				: refuse(s, ErrorCode.conflict, 'wish id belongs to another kiosk');
		}
		if (by.ticketPrefix !== undefined) {
			if (ticketPrefixOf(wish.ticketNo) !== by.ticketPrefix) {
				return refuse(s, ErrorCode.forbidden, 'the ticket carries another kiosk’s prefix');
			}
			if (ticketCounter(wish.ticketNo) > lastTicket.get(by.ticketPrefix)! + MAX_TICKET_JUMP) {
				return refuse(s, ErrorCode.invalidPayload, 'the ticket runs too far ahead of this kiosk’s');
			}
		}
		if (tickets.has(wish.ticketNo)) {
			// The kiosk's own number on another of its wishes: its counter went back (wiped, restored).
			return by.ticketPrefix !== undefined && tickets.get(wish.ticketNo) === by.kioskId
				? { ok: false, error: ErrorCode.ticketTaken, message: 'number this wish again' }
				: refuse(s, ErrorCode.conflict, 'ticket or code already used by another wish');
		}
		if (taken.claim.has(wish.claimCode) || taken.track.has(wish.trackCode)) {
			return refuse(s, ErrorCode.conflict, 'ticket or code already used by another wish');
		}
		tickets.set(wish.ticketNo, by.kioskId);
		taken.claim.add(wish.claimCode);
		taken.track.add(wish.trackCode);
		firstOfId.set(wish.id, index);
		fresh.push({ index, submission: s });
		return undefined;
	});
	for (const h of held) {
		const { by, wish } = h.submission;
		await tx.alerts.holdWish(
			{
				siteId: by.siteId,
				kioskId: by.kioskId,
				wishId: wish.id,
				detail: `${h.error}: ${h.message}`,
				payload: JSON.stringify(wish)
			},
			receivedAt
		);
	}
	if (fresh.length === 0) {
		return {
			outcomes: outcomes as SubmitOutcome[],
			written: { committed: [], counters: new Map() }
		};
	}

	const head = await known.head(tx);
	const rows = fresh.map((f, k) => newRow(f.submission, receivedAt, head + k + 1));
	await tx.wishes.insertWishes(rows);
	const slugs = await slugsOf(
		tx,
		rows.map((r) => r.siteId)
	);
	const wishes = rows.map((row) => publicOf(row, slugs.get(row.siteId)!));
	const events: NewEvent[] = rows.map((row, k) => {
		const by = fresh[k]!.submission.by;
		const { seq, ...wish } = wishes[k]!;
		return {
			seq,
			type: EVENT_TYPES.submit,
			wishId: row.id,
			siteId: row.siteId,
			actor: by.actor,
			data: {
				channel: by.channel,
				...(fresh[k]!.submission.wish.printedTicket
					? { printedTicket: fresh[k]!.submission.wish.printedTicket }
					: {}),
				...by.data
			},
			wish,
			at: receivedAt
		};
	});
	await tx.events.appendEvents(events);
	known.wrote(
		head + rows.length,
		rows.map((r) => r.ticketNo)
	);
	const counters = await countersAfter(
		tx,
		rows.map((r) => counterChange(r, null, 'open')),
		rows.map((r) => r.siteId),
		receivedAt
	);
	for (const [k, f] of fresh.entries()) await f.submission.by.after?.(tx, wishes[k]!);

	fresh.forEach((f, k) => (outcomes[f.index] = { ok: true, value: wishes[k]! }));
	// Repeats of an id within the batch get what its first submission got.
	batch.forEach((s, i) => (outcomes[i] ??= outcomes[firstOfId.get(s.wish.id)!]));
	return {
		outcomes: outcomes as SubmitOutcome[],
		written: { committed: events.map((e, k) => committedOf(e, wishes[k]!)), counters }
	};
}
