/**
 * What every write of the wish path shares: the events a commit announces, and what a change does
 * to the wall counters. The writes themselves are submit.ts (new wishes) and change.ts (changes of
 * one), each inside a transaction its caller holds; known.ts is what they read of the log first.
 */
import { wallCounterShare } from '../../../shared/domain/figures.ts';

import { shanghaiYear } from '../../../shared/domain/time.ts';

import { type WishKind, type WishStatus } from '../../../shared/domain/wish.ts';

import type { PublicWish, SiteCounters, WallEvent } from '../../../shared/schemas/wishes.ts';
import type { FieldChange } from '../../../shared/protocol.ts';
import type { CounterChange } from '../../store/counters.ts';
import type { NewEvent } from '../../store/events.ts';
import type { Repos } from '../../store/store.ts';

/** A committed event on its way to walls and desks; the counters are added per commit. */
export interface Committed {
	siteId: number;
	event: Omit<WallEvent, 'counters'>;
}

/** What a commit announces: its events, and each touched site's counters once it is in. */
export interface Written {
	committed: Committed[];
	counters: Map<number, SiteCounters>;
	/** A change of an item on a post: the posts whose field workers are told (field:changed). */
	fieldPosts?: number[];
	fieldChange?: FieldChange;
}

/** Site slugs by id (a public wish names its site by slug). */
export type SlugsOf = (tx: Repos, siteIds: readonly number[]) => Promise<Map<number, string>>;

/** What moving one item from `from` to `to` does to its site's counters of its year. */
export function counterChange(
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
export async function countersAfter(
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

export function committedOf(e: NewEvent, wish: PublicWish): Committed {
	return { siteId: e.siteId, event: { seq: e.seq, type: e.type, at: e.at, wish } };
}
