/**
 * What the desk's use cases share: the store, the wish service every state change goes through,
 * the clock, and deskAct, the one shape of a dispatcher's action on an item.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { EditAction, WishAction } from '../../../shared/domain/wish.ts';
import type { DeskItem, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { Repos, Store } from '../../store/store.ts';
import type { WishPatch } from '../../store/wishes.ts';
import { requireRole } from '../staff/roles.ts';
import type { WishService } from '../wishes/service.ts';

export interface DispatchOptions {
	store: Store;
	wishes: WishService;
	now?: () => number;
}

export interface DispatchDeps {
	store: Store;
	wishes: WishService;
	now: () => number;
}

export function dispatchDeps(opts: DispatchOptions): DispatchDeps {
	return { store: opts.store, wishes: opts.wishes, now: opts.now ?? Date.now };
}

/** What audit rows keep of an item: the fields desk actions change. */
function auditView(item: DeskItem | null) {
	if (!item) return null;
	return {
		status: item.status,
		category: item.category,
		urgent: item.urgent,
		postId: item.postId,
		memberId: item.memberId,
		rejectReason: item.rejectReason,
		mergedInto: item.mergedInto
	};
}

export interface DeskActInput {
	wishId: string;
	action: WishAction | EditAction;
	/** Audit vocabulary, e.g. "wish.dispatch". */
	audit: string;
	patch?: (before: DeskItem, at: number) => WishPatch;
	data?: Record<string, unknown> | (() => Record<string, unknown>);
	/** Extra checks inside the transaction (the target of a dispatch or merge exists, …). */
	check?: (tx: Repos, before: DeskItem) => Promise<{ error: ErrorCode; message: string } | null>;
}

/**
 * A dispatcher's action on one item through the wish service's act(): one transaction with the
 * change, one event and one audit row (the item before and after), broadcast after COMMIT.
 */
export async function deskAct(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: DeskActInput
): Promise<Outcome<DeskItem>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	let before: DeskItem | null = null;
	const r = await d.wishes.act({
		wishId: input.wishId,
		// The wish service's action vocabulary includes desk edits (see shared/domain/wish.ts).
		action: input.action as WishAction,
		actor: `staff:${by.id}`,
		at,
		data: input.data,
		async guard(tx) {
			before = await tx.deskItems.deskItemById(input.wishId);
			if (!before) return { error: ErrorCode.notFound, message: 'no such wish' };
			return input.check ? input.check(tx, before) : null;
		},
		patch: () => (input.patch && before ? input.patch(before, at) : {}),
		async after(tx) {
			await tx.audit.appendAudit({
				staffId: by.id,
				action: input.audit,
				targetType: 'wish',
				targetId: input.wishId,
				before: auditView(before),
				after: auditView(await tx.deskItems.deskItemById(input.wishId)),
				at
			});
		}
	});
	if (!r.ok) return r;
	return { ok: true, value: (await d.store.deskItems.deskItemById(input.wishId))! };
}
