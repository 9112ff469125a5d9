/**
 * The one write path of wishes. Every new wish (kiosk outbox, phone, desk) and every change of
 * one is written here, inside a transaction the caller holds: its rows, its events numbered after
 * the log's head, and what it moves on the wall counters. The rules live here, once: how a replay
 * and a clash are told apart, how seqs are given, what a status counts for. Nothing is announced
 * here; the caller publishes the committed events after COMMIT.
 */
import { wallCounterShare } from '../../../shared/domain/figures.ts';
import { maskName } from '../../../shared/domain/privacy.ts';
import { shanghaiYear } from '../../../shared/domain/time.ts';
import { MAX_TICKET_JUMP, ticketCounter, ticketPrefixOf } from '../../../shared/domain/codes.ts';
import {
	applyAction,
	EVENT_TYPES,
	eventTypeOf,
	type EditAction,
	type WishAction,
	type WishKind,
	type WishStatus
} from '../../../shared/domain/wish.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type {
	PublicWish,
	SiteCounters,
	WallEvent,
	WishSubmit
} from '../../../shared/schemas/wishes.ts';
import type { CounterChange } from '../../store/counters.ts';
import type { NewEvent } from '../../store/events.ts';
import type { Repos } from '../../store/store.ts';
import {
	toPublicWish,
	type Channel,
	type NewWish,
	type WishPatch,
	type WishRow
} from '../../store/wishes.ts';

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

/** A committed event on its way to walls and desks; the counters are added per commit. */
export interface Committed {
	siteId: number;
	event: Omit<WallEvent, 'counters'>;
}

/** What a commit announces: its events, and each touched site's counters once it is in. */
export interface Written {
	committed: Committed[];
	counters: Map<number, SiteCounters>;
}

/**
 * What a commit needs of what is already stored: the log's head (its events are numbered after
 * it) and a kiosk's highest ticket counter (its next may not run far past it). Read inside the
 * write transaction, so nothing can commit in between.
 */
export interface Known {
	head(tx: Repos): Promise<number>;
	lastTicket(tx: Repos, prefix: string): Promise<number>;
	/** This transaction appended events up to `seq` and wrote these tickets. */
	wrote(seq: number, tickets: readonly string[]): void;
}

/** Known, read from the store every time. */
export const readEachTime: Known = {
	head: (tx) => tx.events.headSeq(),
	lastTicket: (tx, prefix) => tx.tickets.lastTicketWithPrefix(prefix),
	wrote: () => undefined
};

/**
 * Known, read once and then carried forward by each commit of this process, so a commit does not
 * read them again: a round trip fewer each, on the one connection every wish waits for. Valid
 * while this process is the only writer of wishes and events (the hub holds its data folder);
 * whoever runs the transaction calls forget() when it fails, and the next one reads afresh.
 */
export function carriedForward(): Known & { forget(): void } {
	let head: number | null = null;
	const tickets = new Map<string, number>();
	return {
		async head(tx) {
			head ??= await tx.events.headSeq();
			return head;
		},
		async lastTicket(tx, prefix) {
			let last = tickets.get(prefix);
			if (last === undefined) {
				last = await tx.tickets.lastTicketWithPrefix(prefix);
				tickets.set(prefix, last);
			}
			return last;
		},
		wrote(seq, written) {
			head = seq;
			for (const ticket of written) {
				const prefix = ticketPrefixOf(ticket);
				const last = tickets.get(prefix);
				if (last !== undefined) tickets.set(prefix, Math.max(last, ticketCounter(ticket)));
			}
		},
		forget() {
			head = null;
			tickets.clear();
		}
	};
}

/** Site slugs by id (a public wish names its site by slug). */
export type SlugsOf = (tx: Repos, siteIds: readonly number[]) => Promise<Map<number, string>>;

/** One state-machine action on one wish (see writeChange). */
export interface ChangeInput {
	wishId: string;
	action: WishAction | EditAction;
	actor: string;
	/** Columns to set with the new status; a function sees the row as it is inside the transaction. */
	patch?: WishPatch | ((row: WishRow) => WishPatch);
	data?: Record<string, unknown>;
	at?: number;
	/** Who-may-act rules checked inside the transaction, so no other change can slip in between. */
	guard?: (tx: Repos, row: WishRow) => Promise<{ error: ErrorCode; message: string } | null>;
	/**
	 * Runs inside the transaction after the change's event is written (seq = its number): side
	 * rows that belong to this change, and follow-up events (e.g. a desk flag) committed and
	 * published with it.
	 */
	after?: (
		tx: Repos,
		seq: number
	) => Promise<{ type: string; data: Record<string, unknown> }[] | void>;
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

/** What moving one item from `from` to `to` does to its site's counters of its year. */
function counterChange(
	row: { siteId: number; kind: WishKind; receivedAt: number },
	from: WishStatus | null,
	to: WishStatus
): CounterChange | null {
	const after = wallCounterShare(row.kind, to);
	const before = from ? wallCounterShare(row.kind, from) : { wishes: 0, claimed: 0, fulfilled: 0 };
	const change = {
		siteId: row.siteId,
		year: shanghaiYear(row.receivedAt),
		wishes: after.wishes - before.wishes,
		claimed: after.claimed - before.claimed,
		fulfilled: after.fulfilled - before.fulfilled
	};
	return change.wishes || change.claimed || change.fulfilled ? change : null;
}

/** Applies the counter changes and gives every site of the commit its counters of `at`'s year. */
async function countersAfter(
	tx: Repos,
	changes: readonly (CounterChange | null)[],
	siteIds: readonly number[],
	at: number
): Promise<Map<number, SiteCounters>> {
	const year = shanghaiYear(at);
	const real = changes.filter((c): c is CounterChange => c !== null);
	const counted = real.length > 0 ? await tx.counters.addCounters(real, year) : new Map();
	const missing = [...new Set(siteIds)].filter((id) => !counted.has(id));
	if (missing.length > 0) {
		for (const [id, c] of await tx.counters.siteCountersMany(missing, year)) counted.set(id, c);
	}
	return counted;
}

function committedOf(e: NewEvent, wish: PublicWish): Committed {
	return { siteId: e.siteId, event: { seq: e.seq, type: e.type, at: e.at, wish } };
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

/**
 * Applies one state-machine action: the conditional status update, its event and any follow-up
 * events (numbered after the log's head), and the counters it moves. Of two racing actors only
 * one finds the wish still in the status it read.
 */
export async function writeChange(
	tx: Repos,
	input: ChangeInput,
	now: number,
	known: Known = readEachTime
): Promise<Outcome<PublicWish> & { written?: Written }> {
	const at = input.at ?? now;
	const row = await tx.wishes.wishById(input.wishId);
	if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
	const refused = input.guard ? await input.guard(tx, row) : null;
	if (refused) return { ok: false, ...refused };
	const next = applyAction(row.status, input.action);
	if (!next.ok) {
		return {
			ok: false,
			error: ErrorCode.forbiddenTransition,
			message: `cannot ${input.action} a wish that is ${row.status}`
		};
	}
	const patch = typeof input.patch === 'function' ? input.patch(row) : (input.patch ?? {});
	let seq = (await known.head(tx)) + 1;
	if (!(await tx.wishes.updateWishState(row.id, row.status, next.to, patch, at, seq))) {
		return { ok: false, error: ErrorCode.conflict, message: 'the wish changed meanwhile' };
	}
	const changed = (await tx.wishes.wishById(row.id))!;
	const wish = toPublicWish(changed);
	const event = (type: string, data: Record<string, unknown>, n: number): NewEvent => ({
		seq: n,
		type,
		wishId: row.id,
		siteId: row.site_id,
		actor: input.actor,
		data,
		wish,
		at
	});
	const events = [event(eventTypeOf(input.action), input.data ?? {}, seq)];
	await tx.events.appendEvents(events);
	const followUps = ((await input.after?.(tx, seq)) ?? []).map((f) => event(f.type, f.data, ++seq));
	if (followUps.length > 0) {
		await tx.events.appendEvents(followUps);
		await tx.wishes.setWishSeq(row.id, seq);
	}
	known.wrote(seq, []);
	const all = [...events, ...followUps];
	const counters = await countersAfter(
		tx,
		[
			counterChange(
				{ siteId: row.site_id, kind: row.kind, receivedAt: row.received_at },
				row.status,
				next.to
			)
		],
		[row.site_id],
		at
	);
	return {
		ok: true,
		value: { ...wish, seq: events[0]!.seq },
		written: { committed: all.map((e) => committedOf(e, { ...wish, seq: e.seq })), counters }
	};
}
