/**
 * How a paired household's visits read on the member's phone: 上次走访 12月3日 (Shanghai calendar)
 * and this period's state — 本月已走访 (green), 本月未走访 (red), 已逾期 (red). The state itself
 * comes from the hub (shared/domain/pairing.ts visitState); this only names it.
 */
import { SHANGHAI_OFFSET_MS } from '$shared/domain/time.ts';
import { fill, t } from '$lib/i18n/index.ts';

export function lastVisitLabel(at: number | null): string {
	const v = t().visits;
	if (at === null) return v.never;
	const d = new Date(at + SHANGHAI_OFFSET_MS);
	return fill(v.lastVisit, {
		date: fill(v.date, { m: d.getUTCMonth() + 1, d: d.getUTCDate() })
	});
}

export type VisitStateKey = 'visited' | 'due' | 'overdue';

export function visitStateKey(h: { due: boolean; overdue: boolean }): VisitStateKey {
	return h.overdue ? 'overdue' : h.due ? 'due' : 'visited';
}

const URGENCY: Record<VisitStateKey, number> = { overdue: 0, due: 1, visited: 2 };

/** The member's list order: overdue first, then due this month, then visited; longest unseen first. */
export function byUrgency(
	a: { due: boolean; overdue: boolean; lastVisitAt: number | null },
	b: { due: boolean; overdue: boolean; lastVisitAt: number | null }
): number {
	return (
		URGENCY[visitStateKey(a)] - URGENCY[visitStateKey(b)] ||
		(a.lastVisitAt ?? 0) - (b.lastVisitAt ?? 0)
	);
}
