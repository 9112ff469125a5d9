/**
 * A report's field chain in the resident's words (已受理 → 网格员已到场 → 已派给城市管理岗 → 维修中 →
 * 已修好): what each step is called, and whether it happened, was passed over or is still to come.
 */
import type { ChainStep } from '$shared/domain/field.ts';
import { fill, t } from '$lib/i18n/index.ts';

export type ChainState = 'done' | 'skipped' | 'pending';

export function chainState(s: ChainStep): ChainState {
	return s.at !== null ? 'done' : s.skipped ? 'skipped' : 'pending';
}

/** A grid post is named after its village (网格员·双龙村); on site the resident reads the role. */
export function roleOf(post: string): string {
	return post.split('·')[0]!.trim() || post;
}

/** The step's name: 网格员已到场 once someone stood there, 到现场查看 while nobody has. */
export function chainLabel(s: ChainStep): string {
	const words = t().track.chain;
	switch (s.step) {
		case 'onsite':
			return s.post ? fill(words.onsite, { post: roleOf(s.post) }) : words.onsiteNobody;
		case 'dispatched':
			return s.post ? fill(words.dispatched, { post: s.post }) : words.dispatchedNobody;
		default:
			return words[s.step];
	}
}

/** The last step that happened, for reading the progress aloud. */
export function lastDone(chain: readonly ChainStep[]): ChainStep | null {
	return chain.findLast((s) => s.at !== null) ?? null;
}
