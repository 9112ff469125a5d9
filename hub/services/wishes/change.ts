/** A change of one wish: the state machine's next status, its event and follow-ups, the counters. */

import {
	applyAction,
	eventTypeOf,
	type EditAction,
	type WishAction
} from '../../../shared/domain/wish.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { PublicWish } from '../../../shared/schemas/wishes.ts';

import type { NewEvent } from '../../store/events.ts';
import type { Repos } from '../../store/store.ts';
import { toPublicWish, type WishPatch, type WishRow } from '../../store/wishes.ts';
import { committedOf, countersAfter, counterChange, type Written } from './commit.ts';
import { readEachTime, type Known } from './known.ts';

/** One state-machine action on one wish (see writeChange). */
export interface ChangeInput {
	wishId: string;
	action: WishAction | EditAction;
	actor: string;
	/** Columns to set with the new status; a function sees the row as it is inside the transaction. */
	patch?: WishPatch | ((row: WishRow) => WishPatch);
	/** The event's data; a function is called after the guard (it may use what the guard read). */
	data?: Record<string, unknown> | (() => Record<string, unknown>);
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
	const data = typeof input.data === 'function' ? input.data() : (input.data ?? {});
	const events = [event(eventTypeOf(input.action), data, seq)];
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
		written: {
			committed: all.map((e) => committedOf(e, { ...wish, seq: e.seq })),
			counters,
			// Field workers of the post it was on and the one it is on now hear of it.
			fieldPosts: [...new Set([row.post_id, changed.post_id])].filter((p) => p !== null),
			fieldChange: { wishId: row.id, type: events[0]!.type }
		}
	};
}
