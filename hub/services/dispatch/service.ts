/**
 * The desk's work on items, bound to what it shares (deps.ts): the queue's data, one item's
 * history, and the dispatcher's actions. Inputs are validated by the caller (socket or form).
 */
import { bindFirst } from '../../infra/bind.ts';
import { dispatch, note, recall, reject, resolve, triage } from './actions.ts';
import { board, detail, project, search } from './board.ts';
import { dispatchDeps, type DispatchOptions } from './deps.ts';
import { acceptHeld, submit } from './intake.ts';
import { duplicates, merge } from './merge.ts';

export function createDispatchService(opts: DispatchOptions) {
	return bindFirst(dispatchDeps(opts), {
		board,
		search,
		detail,
		project,
		duplicates,
		triage,
		dispatch,
		note,
		resolve,
		reject,
		recall,
		merge,
		submit,
		acceptHeld
	});
}

export type DispatchService = ReturnType<typeof createDispatchService>;
export type { DispatchOptions } from './deps.ts';
