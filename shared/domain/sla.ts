/**
 * SLA clocks for the desk: pure functions, no I/O. Two clocks run one after the other: the
 * response clock from receipt until the first dispatch or claim, then the resolution clock until
 * the item is resolved. A poor rating reopens the item and starts a fresh response clock.
 */
import { CATEGORIES, type CategoryId } from './categories.ts';
import type { WishStatus } from './wish.ts';

const HOUR_MS = 3600_000;

/** Hours per category; the desk's admin may override the defaults. */
export interface SlaPolicy {
	/** First-response target for a normal item. */
	responseHours: number;
	/** First-response target for an urgent item. */
	urgentHours: number;
	/** From the response to resolution. */
	resolutionHours: number;
	/** From receipt until a worker stands on site, for an item that is not urgent. */
	onsiteHours: number;
}

export type SlaPolicies = Record<CategoryId, SlaPolicy>;

export const DEFAULT_RESOLUTION_HOURS = 7 * 24;
/** The township's promise: a grid worker on site within 2 hours of an urgent report. */
export const URGENT_ONSITE_HOURS = 2;
export const DEFAULT_ONSITE_HOURS = 24;

export function defaultPolicies(): SlaPolicies {
	return Object.fromEntries(
		CATEGORIES.map((c) => [
			c.id,
			{
				responseHours: c.responseHours,
				urgentHours: c.urgentHours,
				resolutionHours: DEFAULT_RESOLUTION_HOURS,
				onsiteHours: DEFAULT_ONSITE_HOURS
			}
		])
	) as SlaPolicies;
}

/** What a clock needs to know about an item; times are ms since epoch. */
export interface ClockSubject {
	status: WishStatus;
	urgent: boolean;
	receivedAt: number;
	/** The first dispatch or claim. */
	respondedAt: number | null;
	resolvedAt: number | null;
	/** When a poor rating sent it back to the desk, if it did. */
	reopenedAt: number | null;
}

export type SlaPhase = 'response' | 'resolution' | 'onsite' | 'done' | 'stopped';
/** ok: on time; soon: a quarter of the target or less remains; overdue: past due. */
export type SlaLevel = 'ok' | 'soon' | 'overdue' | 'none';

export interface SlaClock {
	phase: SlaPhase;
	/** When the running clock started and is due; null when no clock runs. */
	startedAt: number | null;
	dueAt: number | null;
	/** Time left; negative once overdue; null when no clock runs. */
	remainingMs: number | null;
	level: SlaLevel;
}

export function responseTargetMs(subject: Pick<ClockSubject, 'urgent'>, policy: SlaPolicy): number {
	return (subject.urgent ? policy.urgentHours : policy.responseHours) * HOUR_MS;
}

/** When the first response is due: receipt plus the category's (urgent) target. */
export function responseDueAt(
	subject: Pick<ClockSubject, 'urgent' | 'receivedAt'>,
	policy: SlaPolicy
): number {
	return subject.receivedAt + responseTargetMs(subject, policy);
}

/**
 * Whether the first response came within the target: 'pending' while it may still come in time.
 * The figures' 响应率 counts only 'met' and 'missed'.
 */
export function responseOutcome(
	subject: Pick<ClockSubject, 'urgent' | 'receivedAt' | 'respondedAt'>,
	policy: SlaPolicy,
	now: number
): 'met' | 'missed' | 'pending' {
	const due = responseDueAt(subject, policy);
	if (subject.respondedAt !== null) return subject.respondedAt <= due ? 'met' : 'missed';
	return now > due ? 'missed' : 'pending';
}

function running(
	phase: 'response' | 'resolution' | 'onsite',
	startedAt: number,
	targetMs: number,
	now: number
): SlaClock {
	const dueAt = startedAt + targetMs;
	const remainingMs = dueAt - now;
	const level: SlaLevel = remainingMs < 0 ? 'overdue' : remainingMs <= targetMs / 4 ? 'soon' : 'ok';
	return { phase, startedAt, dueAt, remainingMs, level };
}

/** The clock an item shows on the desk right now. */
export function slaClock(subject: ClockSubject, policy: SlaPolicy, now: number): SlaClock {
	const { status } = subject;
	if (status === 'rejected' || status === 'merged') {
		return { phase: 'stopped', startedAt: null, dueAt: null, remainingMs: null, level: 'none' };
	}
	if (status === 'resolved' || status === 'closed') {
		return { phase: 'done', startedAt: null, dueAt: null, remainingMs: null, level: 'none' };
	}
	const target = responseTargetMs(subject, policy);
	if (status === 'reopened') {
		return running('response', subject.reopenedAt ?? subject.receivedAt, target, now);
	}
	if (subject.respondedAt === null) return running('response', subject.receivedAt, target, now);
	// Responded (possibly released back to open since): the item must still be finished in time.
	const start = Math.max(subject.respondedAt, subject.reopenedAt ?? 0);
	return running('resolution', start, policy.resolutionHours * HOUR_MS, now);
}

/** Overdue first (most overdue at the top), then the soonest due, then items with no clock. */
export function compareByUrgency(a: SlaClock, b: SlaClock): number {
	if (a.dueAt === null || b.dueAt === null)
		return a.dueAt === null ? (b.dueAt === null ? 0 : 1) : -1;
	return a.dueAt - b.dueAt;
}

/** A duration split for words such as "2 天 3 小时" (the catalogue supplies the words). */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
	const total = Math.floor(Math.abs(ms) / 60_000);
	return {
		days: Math.floor(total / 1440),
		hours: Math.floor((total % 1440) / 60),
		minutes: total % 60
	};
}

/** The on-site target: 2 h for an urgent item, the category's hours otherwise. */
export function onsiteTargetMs(subject: { urgent: boolean }, policy: SlaPolicy): number {
	return (subject.urgent ? URGENT_ONSITE_HOURS : policy.onsiteHours) * HOUR_MS;
}

/** What the on-site clock needs: when it came in, whether someone was sent, and the arrival. */
export interface OnsiteSubject {
	urgent: boolean;
	receivedAt: number;
	/** The first time a worker stood on site; null until then. */
	arrivedAt: number | null;
}

/**
 * Whether a worker stood on site within the target: 'pending' while they still may. The figures'
 * on-site share counts only 'met' and 'missed'.
 */
export function onsiteOutcome(
	subject: OnsiteSubject,
	policy: SlaPolicy,
	now: number
): 'met' | 'missed' | 'pending' {
	const due = subject.receivedAt + onsiteTargetMs(subject, policy);
	if (subject.arrivedAt !== null) return subject.arrivedAt <= due ? 'met' : 'missed';
	return now > due ? 'missed' : 'pending';
}

/**
 * The on-site clock of an item sent for an on-site check (核实): from receipt until a worker
 * arrives. Null when no check was asked for, or once someone has arrived or the item is finished.
 */
export function onsiteClock(
	subject: OnsiteSubject & { status: WishStatus; checkAsked: boolean },
	policy: SlaPolicy,
	now: number
): SlaClock | null {
	if (!subject.checkAsked || subject.arrivedAt !== null) return null;
	if (!['dispatched', 'open', 'reopened'].includes(subject.status)) return null;
	return running('onsite', subject.receivedAt, onsiteTargetMs(subject, policy), now);
}

/** How long a post has to accept a hop before the desk is alerted, per urgency (minutes). */
export interface AcceptLimits {
	urgentMinutes: number;
	normalMinutes: number;
}

export const DEFAULT_ACCEPT_LIMITS: AcceptLimits = { urgentMinutes: 30, normalMinutes: 4 * 60 };

/** When a hop sent at `sentAt` counts as not accepted in time. */
export function acceptDueAt(sentAt: number, urgent: boolean, limits: AcceptLimits): number {
	return sentAt + (urgent ? limits.urgentMinutes : limits.normalMinutes) * 60_000;
}

/** Why an item is on the desk's "needs attention" list; an empty list means it is in hand. */
export type AttentionReason =
	| 'overdue'
	| 'new_report'
	| 'escalated_wish'
	| 'reopened'
	| 'released'
	/** The field chain: nobody of the post accepted in time, nobody on site in time, back from the field. */
	| 'not_accepted'
	| 'onsite_overdue'
	| 'findings'
	| 'handed_back';

/**
 * The desk queue's rule: new problem reports, micro-wishes nobody claimed within the escalation
 * time, items a poor rating reopened, claims released back (by a member or automatically) and
 * anything past its SLA clock.
 */
export function attentionReasons(
	item: ClockSubject & {
		kind: 'wish' | 'report';
		/** The hop on now: when it was sent and when (if yet) one of the post's workers took it. */
		hop?: { sentAt: number; acceptedAt: number | null } | null;
		/** The last event's type: a report given back from the field says why it is here. */
		lastType?: string;
	},
	clock: SlaClock,
	escalationHours: number,
	now: number,
	field: { accept: AcceptLimits; onsite: SlaClock | null } = {
		accept: DEFAULT_ACCEPT_LIMITS,
		onsite: null
	}
): AttentionReason[] {
	const out: AttentionReason[] = [];
	if (clock.level === 'overdue') out.push('overdue');
	if (field.onsite?.level === 'overdue') out.push('onsite_overdue');
	if (item.status === 'reopened') out.push('reopened');
	if (item.status === 'open' && item.respondedAt === null) {
		if (item.kind === 'report') out.push('new_report');
		else if (now - item.receivedAt >= escalationHours * HOUR_MS) out.push('escalated_wish');
	}
	if (item.status === 'open' && item.respondedAt !== null) {
		if (item.lastType === 'wish:reported') out.push('findings');
		else if (item.lastType === 'wish:handed_back') out.push('handed_back');
		else out.push('released');
	}
	const hop = item.hop;
	const waiting = item.status === 'dispatched' && hop && hop.acceptedAt === null;
	if (waiting && now > acceptDueAt(hop.sentAt, item.urgent, field.accept)) {
		out.push('not_accepted');
	}
	return out;
}
