/**
 * A field worker's steps on an item sent to their post (DESIGN.md §11): 接单, 已到场, 开始维修,
 * 现场情况 back to the desk, 已修好 / 已处理, 转回指挥中心. Inputs are validated by the caller.
 */
import type {
	FieldAccept,
	FieldArrive,
	FieldHandBack,
	FieldReport,
	FieldStart
} from '../../../shared/schemas/field.ts';
import type { WishPatch } from '../../store/wishes.ts';
import { fieldAct, type FieldDeps } from './deps.ts';

type Token = string | null | undefined;

/** The item leaves the post and comes back to the desk's queue. */
const backToDesk: WishPatch = {
	post_id: null,
	hop_step: null,
	hop_sent_at: null,
	hop_worker_id: null,
	hop_accepted_at: null,
	hop_alerted_at: null
};

/** 接单: of the post's workers pressing at once, exactly one takes the item. */
export function accept(d: FieldDeps, token: Token, input: FieldAccept) {
	return fieldAct(d, token, {
		...input,
		action: 'accept',
		holder: 'post',
		patch: (_row, at, worker) => ({ hop_worker_id: worker.id, hop_accepted_at: at }),
		data: {}
	});
}

/** 已到场: the on-site clock stops at the first arrival; location stays with the item for staff. */
export function arrive(d: FieldDeps, token: Token, input: FieldArrive) {
	return fieldAct(d, token, {
		wishId: input.wishId,
		seq: input.seq,
		action: 'arrive',
		holder: 'taker',
		photoId: input.photoId,
		data: {
			...(input.location ? { location: input.location } : {}),
			...(input.locationNote ? { locationNote: input.locationNote } : {})
		},
		patch: (row, at) => ({ arrived_at: row.arrived_at ?? at })
	});
}

/** 开始维修. */
export function start(d: FieldDeps, token: Token, input: FieldStart) {
	return fieldAct(d, token, {
		wishId: input.wishId,
		seq: input.seq,
		action: 'start',
		holder: 'taker',
		data: input.note ? { note: input.note } : {}
	});
}

/** 现场情况: findings (and a photo) back to the desk for 研判; the item leaves the post. */
export function reportBack(d: FieldDeps, token: Token, input: FieldReport) {
	return fieldAct(d, token, {
		wishId: input.wishId,
		seq: input.seq,
		action: 'report_back',
		holder: 'taker',
		photoId: input.photoId,
		data: { note: input.note },
		patch: () => backToDesk
	});
}

/** 已修好 (the crew) or 已处理 (fixed on the spot during a check). */
export function fixed(d: FieldDeps, token: Token, input: FieldReport) {
	return fieldAct(d, token, {
		wishId: input.wishId,
		seq: input.seq,
		action: 'resolve',
		holder: 'taker',
		photoId: input.photoId,
		data: { note: input.note },
		patch: (_row, at) => ({ resolved_at: at })
	});
}

/** 转回指挥中心: not this post's job (before or after taking it), with a reason for the desk. */
export function handBack(d: FieldDeps, token: Token, input: FieldHandBack) {
	return fieldAct(d, token, {
		wishId: input.wishId,
		seq: input.seq,
		action: 'hand_back',
		holder: 'post_or_taker',
		data: { reason: input.reason },
		patch: () => backToDesk
	});
}
