/**
 * What the field chain's use cases share: the store, the wish service every change goes through,
 * the phone accounts, and fieldAct, the one shape of a worker's action on an item.
 */
import { workerLabel } from '../../../shared/domain/field.ts';
import type { WishAction } from '../../../shared/domain/wish.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { Repos, Store } from '../../store/store.ts';
import type { FieldRow } from '../../store/field.ts';
import type { WishPatch } from '../../store/wishes.ts';
import { photoUsable } from '../claims.ts';
import type { Member, MemberService } from '../members.ts';
import type { WishService } from '../wishes/service.ts';

export interface FieldOptions {
	store: Store;
	wishes: WishService;
	members: MemberService;
	now?: () => number;
}

export interface FieldDeps {
	store: Store;
	wishes: WishService;
	members: MemberService;
	now: () => number;
}

export function fieldDeps(opts: FieldOptions): FieldDeps {
	return {
		store: opts.store,
		wishes: opts.wishes,
		members: opts.members,
		now: opts.now ?? Date.now
	};
}

type Refusal = { error: ErrorCode; message: string };

/** Who may do what to a hop: the post's workers see it, the one who took it acts on it. */
export type Holder = 'post' | 'taker' | 'post_or_taker';

export interface FieldActInput {
	wishId: string;
	/** The item's seq the worker's view showed; a newer one means the view is stale. */
	seq: number;
	action: WishAction;
	holder: Holder;
	data?: Record<string, unknown>;
	photoId?: string;
	patch?: (row: FieldRow, at: number, worker: Member) => WishPatch;
	/** Extra checks inside the transaction, after who-may-act. */
	check?: (row: FieldRow) => Refusal | null;
}

export const unauthorized = {
	ok: false,
	error: ErrorCode.unauthorized,
	message: 'sign in first'
} as const;

/** How the resident and the other workers name this worker: 王师傅. */
export const labelOf = (m: Member) => workerLabel(m.displayName);

function mayAct(worker: Member, row: FieldRow, input: FieldActInput): Refusal | null {
	if (
		row.post_id === null ||
		row.hop_step === null ||
		!worker.posts.some((p) => p.id === row.post_id)
	) {
		return { error: ErrorCode.notYours, message: 'not_your_post' };
	}
	const taker = row.hop_worker_id;
	if (taker !== null && taker !== worker.id) {
		// Someone else of the post has it: say who, so the worker knows whom to ask.
		return { error: ErrorCode.alreadyClaimed, message: workerLabel(row.hop_worker_name ?? '') };
	}
	if (input.holder === 'taker' && taker !== worker.id) {
		return { error: ErrorCode.forbiddenTransition, message: 'accept_first' };
	}
	if (input.holder === 'post' && taker === worker.id && input.action === 'accept') {
		return { error: ErrorCode.conflict, message: 'already_yours' };
	}
	if (row.seq !== input.seq) return { error: ErrorCode.stale, message: 'the item changed' };
	return null;
}

/**
 * A worker's action on one item through the wish service's act(): who-may-act and the stale
 * check inside the transaction, so of two workers pressing at once exactly one changes the item.
 */
export async function fieldAct(
	d: FieldDeps,
	token: string | null | undefined,
	input: FieldActInput
): Promise<Outcome<{ wishId: string }>> {
	const worker = await d.members.authenticate(token);
	if (!worker) return unauthorized;
	if (worker.posts.length === 0)
		return { ok: false, error: ErrorCode.forbidden, message: 'not_a_worker' };
	const at = d.now();
	let seen: FieldRow | undefined;
	const r = await d.wishes.act({
		wishId: input.wishId,
		action: input.action,
		actor: `member:${worker.memberNo}`,
		at,
		data: {
			...input.data,
			workerId: worker.id,
			worker: labelOf(worker),
			...(input.photoId ? { photoId: input.photoId } : {})
		},
		async guard(tx: Repos) {
			seen = await tx.field.fieldRow(input.wishId);
			if (!seen) return { error: ErrorCode.notFound, message: 'no such item' };
			const refused = mayAct(worker, seen, input) ?? input.check?.(seen) ?? null;
			if (refused || !input.photoId) return refused;
			return photoUsable(tx, input.photoId, seen.id, worker.id);
		},
		patch: () => (input.patch && seen ? input.patch(seen, at, worker) : {}),
		async after(tx, seq) {
			if (input.photoId) await tx.photos.attachPhoto(input.photoId, seq);
		}
	});
	return r.ok ? { ok: true, value: { wishId: input.wishId } } : r;
}
