/**
 * The field chain (赶快办), pure: a problem report's hops read back from its events, and how a
 * worker is named to a resident. A hop is one sending of the item to a post — for an on-site
 * check (核实) or for the work — from the desk's dispatch until it ends: fixed, given back with
 * findings or a reason, or recalled by the desk.
 */

export const HOP_STEPS = ['check', 'work'] as const;
export type HopStep = (typeof HOP_STEPS)[number];

export type HopEnd = 'resolved' | 'findings' | 'handed_back' | 'recalled';

/** One event of an item's log, as the chain needs it (data as the event stored it). */
export interface ChainEvent {
	wishId: string;
	type: string;
	at: number;
	data: Record<string, unknown>;
}

export interface Hop {
	wishId: string;
	/** Null for a report the desk sent to one member rather than a post. */
	postId: number | null;
	postName: string;
	step: HopStep;
	sentAt: number;
	acceptedAt: number | null;
	/** The worker as the resident may see them (王师傅), once one accepted. */
	workerLabel: string | null;
	arrivedAt: number | null;
	startedAt: number | null;
	endedAt: number | null;
	end: HopEnd | null;
}

/** How a resident sees a worker: the surname and 师傅, never the full name or a phone. */
export function workerLabel(displayName: string): string {
	const surname = [...displayName.trim()][0];
	return surname ? `${surname}师傅` : '工作人员';
}

/** The event types hopsOf() reads; others may be left out of what it is given. */
export const CHAIN_TYPES = [
	'wish:dispatched',
	'wish:accepted',
	'wish:arrived',
	'wish:started',
	'wish:resolved',
	'wish:reported',
	'wish:handed_back',
	'wish:released',
	'wish:rejected',
	'wish:merged'
] as const;

const ENDS: Partial<Record<string, HopEnd>> = {
	'wish:resolved': 'resolved',
	'wish:reported': 'findings',
	'wish:handed_back': 'handed_back',
	'wish:released': 'recalled',
	'wish:rejected': 'recalled',
	'wish:merged': 'recalled'
};

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);

/**
 * The hops of the items in `events` (each item's events in log order). A dispatch to a post opens
 * a hop, and so does one to a member (postId null); older dispatches without the post in their
 * data open none. A dispatch while a hop is open ends that one as recalled.
 */
export function hopsOf(events: readonly ChainEvent[]): Hop[] {
	const done: Hop[] = [];
	const open = new Map<string, Hop>();
	const end = (wishId: string, at: number, how: HopEnd) => {
		const hop = open.get(wishId);
		if (!hop) return;
		hop.endedAt = at;
		hop.end = how;
		open.delete(wishId);
		done.push(hop);
	};
	for (const e of events) {
		const hop = open.get(e.wishId);
		if (e.type === 'wish:dispatched') {
			end(e.wishId, e.at, 'recalled');
			const postId = num(e.data.postId);
			// Older dispatches carry no post in their data: they open no hop.
			if (postId === null && e.data.to !== 'member') continue;
			open.set(e.wishId, {
				wishId: e.wishId,
				postId,
				postName: str(e.data.postName) ?? '',
				step: e.data.step === 'check' ? 'check' : 'work',
				sentAt: e.at,
				acceptedAt: null,
				workerLabel: null,
				arrivedAt: null,
				startedAt: null,
				endedAt: null,
				end: null
			});
		} else if (hop && e.type === 'wish:accepted') {
			hop.acceptedAt = e.at;
			hop.workerLabel = str(e.data.worker);
		} else if (hop && e.type === 'wish:arrived') {
			hop.arrivedAt ??= e.at;
		} else if (hop && e.type === 'wish:started') {
			hop.startedAt ??= e.at;
		} else {
			const how = ENDS[e.type];
			if (how) end(e.wishId, e.at, how);
		}
	}
	return [...done, ...open.values()].sort((a, b) => a.sentAt - b.sentAt);
}

/** A step of a report's chain as the resident reads it (已受理 → 网格员已到场 → … → 已修好). */
export interface ChainStep {
	step: 'received' | 'onsite' | 'dispatched' | 'working' | 'fixed';
	/** When it happened; null when it has not (yet). */
	at: number | null;
	/** Passed over: a later step happened without it (no on-site check, fixed on the spot). */
	skipped: boolean;
	/** The post it went to (已派给城市管理岗) or the worker's post for on-site and working. */
	post: string | null;
	/** The worker by surname (王师傅). */
	worker: string | null;
}

/**
 * The resident's chain of the current round (a poor rating that reopens the item starts a new
 * one): received, a worker on site, sent on for the work, work started, fixed.
 */
export function chainOf(
	receivedAt: number,
	hops: readonly Hop[],
	resolvedAt: number | null
): ChainStep[] {
	const step = (s: ChainStep['step'], at: number | null, extra: Partial<ChainStep> = {}) => ({
		step: s,
		at,
		skipped: false,
		post: null,
		worker: null,
		...extra
	});
	const arrived = hops.find((h) => h.arrivedAt !== null);
	const work = [...hops].reverse().find((h) => h.step === 'work');
	const started = work?.startedAt ?? null;
	const steps: ChainStep[] = [
		step('received', receivedAt),
		step('onsite', arrived?.arrivedAt ?? null, {
			post: arrived?.postName ?? null,
			worker: arrived?.workerLabel ?? null
		}),
		step('dispatched', work?.sentAt ?? null, { post: work?.postName ?? null }),
		step('working', started, {
			post: work?.postName ?? null,
			worker: work?.workerLabel ?? null
		}),
		step('fixed', resolvedAt)
	];
	// A step without a time that a later step has passed was skipped, not merely pending.
	let later = false;
	for (let i = steps.length - 1; i >= 0; i--) {
		const s = steps[i]!;
		if (s.at !== null) later = true;
		else if (later) s.skipped = true;
	}
	return steps;
}
