/**
 * The wish state machine: pure functions, no I/O. Both micro-wishes (微心愿) and problem
 * reports (诉求) move through the same statuses; the actions allowed differ by who acts.
 */
export const WISH_KINDS = ['wish', 'report'] as const;
export type WishKind = (typeof WISH_KINDS)[number];

export const WISH_STATUSES = [
	'open',
	'claimed',
	'dispatched',
	'contacted',
	'in_progress',
	'resolved',
	'closed',
	'reopened',
	'rejected',
	'merged'
] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_ACTIONS = [
	'claim',
	'dispatch',
	'release',
	'contact',
	'start',
	'resolve',
	'rate_good',
	'rate_poor',
	'reject',
	'merge',
	// The field chain (赶快办): a worker of the post takes the hop, stands on site, and gives the
	// item back to the desk with findings (研判) or with a reason it is not theirs.
	'accept',
	'arrive',
	'report_back',
	'hand_back'
] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

/** Statuses in which nobody is working on the item yet. */
const WAITING: readonly WishStatus[] = ['open', 'reopened'];
/** Statuses in which someone (a member or a post) holds the item. */
const HELD: readonly WishStatus[] = ['claimed', 'dispatched', 'contacted', 'in_progress'];

const TRANSITIONS: Record<WishAction, { from: readonly WishStatus[]; to: WishStatus }> = {
	claim: { from: WAITING, to: 'claimed' },
	dispatch: { from: WAITING, to: 'dispatched' },
	release: { from: HELD, to: 'open' },
	contact: { from: ['claimed', 'dispatched'], to: 'contacted' },
	start: { from: ['claimed', 'dispatched', 'contacted'], to: 'in_progress' },
	resolve: { from: HELD, to: 'resolved' },
	// A rating may be replaced (within a window the service enforces), so closed accepts it too.
	rate_good: { from: ['resolved', 'closed'], to: 'closed' },
	rate_poor: { from: ['resolved', 'closed'], to: 'reopened' },
	reject: { from: [...WAITING, 'dispatched', 'claimed'], to: 'rejected' },
	merge: { from: [...WAITING, 'dispatched'], to: 'merged' },
	// Accepting keeps the item dispatched: who holds the hop is the wish's hop_worker_id.
	accept: { from: ['dispatched'], to: 'dispatched' },
	arrive: { from: ['dispatched'], to: 'contacted' },
	report_back: { from: ['contacted', 'in_progress'], to: 'open' },
	hand_back: { from: ['dispatched', 'contacted', 'in_progress'], to: 'open' }
};

export type TransitionResult =
	{ ok: true; to: WishStatus } | { ok: false; reason: 'forbidden_transition' };

export function transition(from: WishStatus, action: WishAction): TransitionResult {
	const rule = TRANSITIONS[action];
	return rule.from.includes(from)
		? { ok: true, to: rule.to }
		: { ok: false, reason: 'forbidden_transition' };
}

/**
 * Desk edits: events that change an item's details but not its status (category and urgency, an
 * internal note). They take the same path as the actions above: one transaction, one event.
 */
export const EDIT_ACTIONS = ['triage', 'note'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

const EDITABLE: Record<EditAction, readonly WishStatus[]> = {
	triage: WISH_STATUSES.filter((s) => s !== 'rejected' && s !== 'merged'),
	note: WISH_STATUSES
};

export function isEditAction(action: string): action is EditAction {
	return (EDIT_ACTIONS as readonly string[]).includes(action);
}

/** transition() for state-machine actions and desk edits alike; an edit keeps the status. */
export function applyAction(from: WishStatus, action: WishAction | EditAction): TransitionResult {
	if (!isEditAction(action)) return transition(from, action);
	return EDITABLE[action].includes(from)
		? { ok: true, to: from }
		: { ok: false, reason: 'forbidden_transition' };
}

export function canTransition(from: WishStatus, action: WishAction): boolean {
	return transition(from, action).ok;
}

/** Final statuses: nothing but a rating change can move them. */
export function isFinal(status: WishStatus): boolean {
	return status === 'rejected' || status === 'merged' || status === 'closed';
}

/** Whether the wall shows the item as still waiting for a helper. */
export function isWaiting(status: WishStatus): boolean {
	return WAITING.includes(status);
}

export function isHeld(status: WishStatus): boolean {
	return HELD.includes(status);
}

export function isDone(status: WishStatus): boolean {
	return status === 'resolved' || status === 'closed';
}

/** A rating of 1–5; ≤ 2 sends the item back to the desk. */
export function ratingAction(stars: number): 'rate_good' | 'rate_poor' {
	return stars <= 2 ? 'rate_poor' : 'rate_good';
}

/** Event types in the log, past tense, one per action plus the submission itself. */
export const EVENT_TYPES = {
	submit: 'wish:submitted',
	claim: 'wish:claimed',
	dispatch: 'wish:dispatched',
	release: 'wish:released',
	contact: 'wish:contacted',
	start: 'wish:started',
	resolve: 'wish:resolved',
	rate_good: 'wish:rated',
	rate_poor: 'wish:reopened',
	reject: 'wish:rejected',
	merge: 'wish:merged',
	accept: 'wish:accepted',
	arrive: 'wish:arrived',
	report_back: 'wish:reported',
	hand_back: 'wish:handed_back'
} as const satisfies Record<WishAction | 'submit', string>;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export const EDIT_EVENT_TYPES = {
	triage: 'wish:triaged',
	note: 'wish:noted'
} as const satisfies Record<EditAction, string>;

/** The event type an action or edit writes to the log. */
export function eventTypeOf(action: WishAction | EditAction): string {
	return isEditAction(action) ? EDIT_EVENT_TYPES[action] : EVENT_TYPES[action];
}
