/** Duplicates: finding likely ones by text similarity, and folding one into the item that stays. */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { DeskItem, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { requireRole } from '../staff/roles.ts';
import { deskAct, type DispatchDeps } from './deps.ts';

const DUPLICATE_WINDOW_MS = 7 * 86400_000;

/** Character-bigram (Dice) similarity, 0..1: works for Chinese text without a word splitter. */
export function textSimilarity(a: string, b: string): number {
	const grams = (s: string) => {
		const chars = Array.from(s.replace(/[\s\p{P}]/gu, ''));
		const out = new Map<string, number>();
		if (chars.length === 1) out.set(chars[0]!, 1);
		for (let i = 0; i + 1 < chars.length; i++) {
			const g = chars[i]! + chars[i + 1]!;
			out.set(g, (out.get(g) ?? 0) + 1);
		}
		return out;
	};
	const ga = grams(a);
	const gb = grams(b);
	let shared = 0;
	let total = 0;
	for (const [g, n] of ga) {
		shared += Math.min(n, gb.get(g) ?? 0);
		total += n;
	}
	for (const n of gb.values()) total += n;
	return total === 0 ? 0 : (2 * shared) / total;
}

/** Same site and category, last 7 days, most similar text first. */
export async function duplicates(
	d: DispatchDeps,
	by: StaffPrincipal,
	wishId: string
): Promise<Outcome<{ item: DeskItem; similarity: number }[]>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const item = await d.store.deskItems.deskItemById(wishId);
	if (!item) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
	const candidates = await d.store.deskItems.mergeCandidates(
		item,
		item.receivedAt - DUPLICATE_WINDOW_MS
	);
	return {
		ok: true,
		value: candidates
			.filter((c) => c.receivedAt <= item.receivedAt + DUPLICATE_WINDOW_MS)
			.map((c) => ({ item: c, similarity: textSimilarity(item.text, c.text) }))
			.sort((a, b) => b.similarity - a.similarity)
			.slice(0, 8)
	};
}

/**
 * Folds a duplicate into the item that stays. The duplicate keeps merged_into, so its
 * resident's ticket and track page follow the surviving item.
 */
export function merge(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: { wishId: string; intoId: string }
) {
	return deskAct(d, by, {
		wishId: input.wishId,
		action: 'merge',
		audit: 'wish.merge',
		async check(tx) {
			const into = await tx.deskItems.deskItemById(input.intoId);
			if (!into) return { error: ErrorCode.notFound, message: 'no such item to merge into' };
			if (into.status === 'rejected' || into.status === 'merged') {
				return {
					error: ErrorCode.forbiddenTransition,
					message: `cannot merge into an item that is ${into.status}`
				};
			}
			return null;
		},
		data: { into: input.intoId },
		patch: () => ({ merged_into: input.intoId })
	});
}
