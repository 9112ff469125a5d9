/**
 * The field chain as the desk reads an item: which post it went to and for what, whether one of
 * the post's workers took it (and if not, how long it has waited against the accept limit), and
 * when someone stood on site. Pure; the words come from the catalogue.
 */
import type { HopStep } from '$shared/domain/field.ts';
import { acceptDueAt, type AcceptLimits } from '$shared/domain/sla.ts';
import type { WishStatus } from '$shared/domain/wish.ts';
import type { DeskItem } from '$shared/schemas/desk.ts';

export interface HopView {
	step: HopStep;
	postName: string;
	sentAt: number;
	/** Nobody of the post has taken it: for how long, and whether that is past the limit. */
	waiting: { ms: number; late: boolean } | null;
	/** Taken: when and by whom (the worker's full name: staff may see it). */
	accepted: { at: number; worker: string } | null;
}

/** While the item is out with a post: sent, taken, on site or being worked on. */
const WITH_THE_POST: readonly WishStatus[] = ['dispatched', 'contacted', 'in_progress'];

/**
 * The hop the item is on now: none once it is back on the desk, resolved or reopened, even where
 * the item still names the post it last went to (the history keeps that).
 */
export function liveHop(item: DeskItem): DeskItem['hop'] {
	return WITH_THE_POST.includes(item.status) ? item.hop : null;
}

/** The hop an item is on, or null when it is not with a post's workers. */
export function hopView(item: DeskItem, limits: AcceptLimits, now: number): HopView | null {
	const hop = liveHop(item);
	if (!hop) return null;
	return {
		step: hop.step,
		postName: item.postName ?? '',
		sentAt: hop.sentAt,
		waiting:
			hop.acceptedAt === null
				? {
						ms: Math.max(0, now - hop.sentAt),
						late: now > acceptDueAt(hop.sentAt, item.urgent, limits)
					}
				: null,
		accepted: hop.acceptedAt === null ? null : { at: hop.acceptedAt, worker: hop.workerName ?? '' }
	};
}

/** The step the desk most likely means for a post: grid workers check first, others do the work. */
export function defaultStep(postName: string | undefined): HopStep {
	return postName?.startsWith('网格员') ? 'check' : 'work';
}

/** A location as staff read it: "30.10000, 107.20000 (±12 m)"-style parts, rounded sensibly. */
export function locationParts(location: unknown): { lat: string; lng: string; m: string } | null {
	if (typeof location !== 'object' || location === null) return null;
	const { lat, lng, accuracyM } = location as Record<string, unknown>;
	if (typeof lat !== 'number' || typeof lng !== 'number') return null;
	// Five decimals is about a metre: finer digits only pretend to a precision phones lack.
	const coord = (x: number) => String(Number(x.toFixed(5)));
	return {
		lat: coord(lat),
		lng: coord(lng),
		m: typeof accuracyM === 'number' ? String(Math.round(accuracyM)) : ''
	};
}
