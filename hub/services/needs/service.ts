/**
 * 需求清单 · 你说我办 (DESIGN.md §13), bound to what its use cases share (deps.ts): residents'
 * reading, raising and +1s (resident.ts), the desk's moves (desk.ts), residents' meetings
 * (meetings.ts) and the figures (figures.ts).
 */
import { bindFirst } from '../../infra/bind.ts';
import { needDeps, type NeedOptions } from './deps.ts';
import {
	adopt,
	decline,
	donePhoto,
	edit,
	finish,
	link,
	linkTargets,
	list,
	merge,
	need,
	start,
	suggest
} from './desk.ts';
import { figures } from './figures.ts';
import { meeting, meetings } from './meetings.ts';
import {
	suggestAtKiosk,
	suggestByPhone,
	view,
	viewBySlug,
	voteAtKiosk,
	voteByPhone
} from './resident.ts';

export function createNeedService(opts: NeedOptions) {
	return bindFirst(needDeps(opts), {
		view,
		viewBySlug,
		suggestAtKiosk,
		suggestByPhone,
		voteAtKiosk,
		voteByPhone,
		list,
		need,
		suggest,
		edit,
		adopt,
		start,
		finish,
		decline,
		merge,
		link,
		linkTargets,
		donePhoto,
		meeting,
		meetings,
		figures
	});
}

export type NeedService = ReturnType<typeof createNeedService>;
export type { NeedOptions, NeedLimits } from './deps.ts';
export type { NeedFiguresReport } from './figures.ts';
