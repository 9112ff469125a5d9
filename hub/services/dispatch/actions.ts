/** A dispatcher's actions on one item: triage, dispatch to a post or member, note, resolve, reject. */
import { ErrorCode } from '../../../shared/errors.ts';
import type { DeskDispatch, DeskItem, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { deskAct, type DispatchDeps } from './deps.ts';

export function triage(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: { wishId: string; category: DeskItem['category']; urgent: boolean }
) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'triage',
		audit: 'wish.triage',
		data: { category: input.category, urgent: input.urgent },
		patch: () => ({ category: input.category, urgent: input.urgent ? 1 : 0 })
	});
}

export function dispatch(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: Omit<DeskDispatch, 'step'> & { step?: DeskDispatch['step'] }
) {
	const { to } = input;
	const step = input.step ?? 'work';
	let postName = '';
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'dispatch',
		audit: 'wish.dispatch',
		async check(tx) {
			const found =
				to.type === 'post'
					? await tx.posts.postById(to.postId)
					: await tx.members.memberById(to.memberId);
			if (found && 'name' in found) postName = found.name;
			return found?.active === 1
				? null
				: { error: ErrorCode.notFound, message: `no such ${to.type}` };
		},
		// The post and step go into the event, so the chain's hops read back from the log alone.
		data: () => ({
			to: to.type,
			...(to.type === 'post' ? { postId: to.postId, postName, step } : {}),
			...(input.note ? { note: input.note } : {})
		}),
		patch: (before, at) => ({
			post_id: to.type === 'post' ? to.postId : null,
			member_id: to.type === 'member' ? to.memberId : null,
			// A post's hop: sent now, nobody of the post has it yet.
			hop_step: to.type === 'post' ? step : null,
			hop_sent_at: to.type === 'post' ? at : null,
			hop_worker_id: null,
			hop_accepted_at: null,
			hop_alerted_at: null,
			// Response = the first dispatch or claim; a later one does not move it.
			responded_at: before.respondedAt ?? at
		})
	});
}

export function note(d: DispatchDeps, by: StaffPrincipal, input: { wishId: string; text: string }) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'note',
		audit: 'wish.note',
		data: { note: input.text }
	});
}

/** Marks an item resolved on behalf of the post or member holding it. */
export function resolve(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: { wishId: string; note: string }
) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'resolve',
		audit: 'wish.resolve',
		data: { note: input.note, onBehalfOf: 'desk' },
		patch: (_before, at) => ({ resolved_at: at })
	});
}

export function reject(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: { wishId: string; reason: string }
) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'reject',
		audit: 'wish.reject',
		data: { reason: input.reason },
		patch: () => ({ reject_reason: input.reason })
	});
}

/**
 * 收回: the desk takes an item back from whoever holds it (a post's hop nobody accepted, a worker
 * or member who cannot go on), back to the queue to send again. The holder's phone hears of it.
 */
export function recall(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: { wishId: string; reason: string }
) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'release',
		audit: 'wish.recall',
		data: { reason: input.reason, by: 'desk' },
		patch: () => ({
			member_id: null,
			post_id: null,
			hop_step: null,
			hop_sent_at: null,
			hop_worker_id: null,
			hop_accepted_at: null,
			hop_alerted_at: null
		})
	});
}
