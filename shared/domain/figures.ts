/**
 * The township's own measures (DESIGN.md §6), defined once and used by the desk's figures page,
 * its CSV exports and the wall counters. Pure functions over plain items; no I/O.
 *
 * Definitions (an "item" is a micro-wish or a problem report):
 * - received: items received at the hub in the period, merged duplicates not counted (the
 *   surviving item stands for the need). Rejected items are counted here and as rejected.
 * - resolved: received items now resolved or closed (a reopened item is not resolved).
 * - response time: receipt at the hub → first dispatch or claim; mean and P90 (nearest rank)
 *   over the items that have had a response. Rejected items are left out.
 * - 响应率: responses within the SLA ÷ items whose response clock has ended (answered, or
 *   overdue without an answer); items still inside their target are not counted yet.
 * - 办结率: resolved ÷ (received − rejected).
 * - 满意率: ratings ≥ 4 ÷ all ratings (no ratings → no figure, never 100 %).
 * - 认领率: micro-wishes claimed (held or done now) ÷ micro-wishes posted (not rejected).
 * - people served: distinct residents among resolved items, by phone; an item without a phone
 *   counts as one person.
 * - on-site time: receipt at the hub → the first time a field worker stood on site (已到场), over
 *   problem reports with an arrival, rejected ones left out; mean and P90.
 * - 2-hour share: urgent problem reports with a worker on site within 2 h of receipt ÷ urgent
 *   reports whose 2 hours are over or that had an arrival (a report nobody reached counts as
 *   missed once its 2 hours pass, whether or not it was sent for a check).
 * - acceptance time per post: a hop sent to the post → one of its workers accepting it (接单),
 *   over the hops accepted; resolution time per post: sent → fixed (已修好 / 已处理), over the hops
 *   that ended fixed. A hop is one sending to a post (see field.ts).
 * Periods follow the Asia/Shanghai calendar: an item belongs to the month (or day) in which the
 * hub received it, whenever it was resolved.
 */
import type { CategoryId } from './categories.ts';
import type { Hop } from './field.ts';
import { onsiteOutcome, responseOutcome, type SlaPolicy } from './sla.ts';
import { SHANGHAI_OFFSET_MS } from './time.ts';
import type { WishKind, WishStatus } from './wish.ts';

const DAY_MS = 86400_000;

export interface FigureItem {
	kind: WishKind;
	category: CategoryId;
	/** Site slug, for grouping. */
	site: string;
	status: WishStatus;
	urgent: boolean;
	receivedAt: number;
	respondedAt: number | null;
	resolvedAt: number | null;
	/** The first time a field worker stood on site. */
	arrivedAt: number | null;
	rating: number | null;
	/** The resident's phone, or null when they left none. */
	person: string | null;
}

export interface Figures {
	received: number;
	rejected: number;
	merged: number;
	resolved: number;
	/** Items with a first response (dispatch or claim). */
	responded: number;
	responseMeanMs: number | null;
	responseP90Ms: number | null;
	/** 响应率 sample: responses whose outcome is known, and how many were in time. */
	responseDecided: number;
	respondedInSla: number;
	responseRate: number | null;
	/** 办结率 = resolved ÷ (received − rejected). */
	completionRate: number | null;
	ratings: number;
	satisfied: number;
	/** 满意率 = ratings ≥ 4 ÷ ratings. */
	satisfaction: number | null;
	wishesPosted: number;
	wishesClaimed: number;
	/** 认领率 = claimed ÷ posted micro-wishes. */
	claimRate: number | null;
	peopleServed: number;
	/** Problem reports a worker reached on site, and the time it took from receipt. */
	onsiteArrived: number;
	onsiteMeanMs: number | null;
	onsiteP90Ms: number | null;
	/** 2-hour share sample: urgent reports whose outcome is known, and how many were reached. */
	urgentOnsiteDecided: number;
	urgentOnsiteInTime: number;
	urgentOnsiteShare: number | null;
}

/** Held by someone or finished: what the wall calls 已认领 (the wall's SQL uses this list too). */
export const CLAIMED_STATUSES: readonly WishStatus[] = [
	'claimed',
	'dispatched',
	'contacted',
	'in_progress',
	'resolved',
	'closed'
];
/** What the wall calls 已实现 and the figures call resolved. */
export const RESOLVED_STATUSES: readonly WishStatus[] = ['resolved', 'closed'];
/** Left out of every count but their own: a rejected item, a merged duplicate. */
export const UNCOUNTED_STATUSES: readonly WishStatus[] = ['rejected', 'merged'];

export function isClaimedNow(status: WishStatus): boolean {
	return CLAIMED_STATUSES.includes(status);
}

export function isResolvedNow(status: WishStatus): boolean {
	return RESOLVED_STATUSES.includes(status);
}

/** What one item in a status adds to the wall counters of its site and year of receipt. */
export function wallCounterShare(
	kind: WishKind,
	status: WishStatus
): { wishes: number; claimed: number; fulfilled: number } {
	const counted = kind === 'wish' && !UNCOUNTED_STATUSES.includes(status);
	return {
		wishes: counted ? 1 : 0,
		claimed: counted && isClaimedNow(status) ? 1 : 0,
		fulfilled: counted && isResolvedNow(status) ? 1 : 0
	};
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1]!;
}

function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

function mean(values: readonly number[]): number | null {
	return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** On-site time and the 2-hour share (definitions above), over live problem reports. */
function onsiteFigures(
	live: readonly FigureItem[],
	policyFor: (c: CategoryId) => SlaPolicy,
	now: number
) {
	const reports = live.filter((i) => i.kind === 'report');
	const times = reports.flatMap((i) => (i.arrivedAt === null ? [] : [i.arrivedAt - i.receivedAt]));
	const urgent = reports
		.filter((i) => i.urgent)
		.map((i) => onsiteOutcome(i, policyFor(i.category), now));
	const inTime = urgent.filter((o) => o === 'met').length;
	const decided = urgent.filter((o) => o !== 'pending').length;
	return {
		onsiteArrived: times.length,
		onsiteMeanMs: mean(times),
		onsiteP90Ms: percentile(times, 90),
		urgentOnsiteDecided: decided,
		urgentOnsiteInTime: inTime,
		urgentOnsiteShare: ratio(inTime, decided)
	};
}

/** One post's figures over the hops sent to it. */
export interface PostFigures {
	postId: number;
	postName: string;
	sent: number;
	accepted: number;
	acceptMeanMs: number | null;
	acceptP90Ms: number | null;
	/** Hops the post's worker ended fixed. */
	fixed: number;
	fixMeanMs: number | null;
	fixP90Ms: number | null;
}

/** Acceptance and resolution time per post (definitions above), posts by name. */
export function postFigures(hops: readonly Hop[]): PostFigures[] {
	const byPost = new Map<number, Hop[]>();
	for (const h of hops) {
		if (h.postId !== null) byPost.set(h.postId, [...(byPost.get(h.postId) ?? []), h]);
	}
	return [...byPost.values()]
		.map((list) => {
			const accept = list.flatMap((h) => (h.acceptedAt === null ? [] : [h.acceptedAt - h.sentAt]));
			const fix = list.flatMap((h) =>
				h.end === 'resolved' && h.endedAt !== null ? [h.endedAt - h.sentAt] : []
			);
			return {
				postId: list[0]!.postId!,
				postName: list[list.length - 1]!.postName,
				sent: list.length,
				accepted: accept.length,
				acceptMeanMs: mean(accept),
				acceptP90Ms: percentile(accept, 90),
				fixed: fix.length,
				fixMeanMs: mean(fix),
				fixP90Ms: percentile(fix, 90)
			};
		})
		.sort((a, b) => a.postName.localeCompare(b.postName, 'zh'));
}

export function computeFigures(
	items: readonly FigureItem[],
	policyFor: (category: CategoryId) => SlaPolicy,
	now: number
): Figures {
	const counted = items.filter((i) => i.status !== 'merged');
	const live = counted.filter((i) => i.status !== 'rejected');
	const resolved = live.filter((i) => isResolvedNow(i.status));
	const responseTimes = live.flatMap((i) =>
		i.respondedAt === null ? [] : [i.respondedAt - i.receivedAt]
	);
	const outcomes = live.map((i) => responseOutcome(i, policyFor(i.category), now));
	const met = outcomes.filter((o) => o === 'met').length;
	const decided = outcomes.filter((o) => o !== 'pending').length;
	const rated = live.flatMap((i) => (i.rating === null ? [] : [i.rating]));
	const satisfied = rated.filter((r) => r >= 4).length;
	const wishes = live.filter((i) => i.kind === 'wish');
	const claimed = wishes.filter((i) => isClaimedNow(i.status)).length;
	const phones = new Set<string>();
	let anonymous = 0;
	for (const i of resolved) {
		if (i.person) phones.add(i.person);
		else anonymous += 1;
	}
	return {
		received: counted.length,
		rejected: counted.length - live.length,
		merged: items.length - counted.length,
		resolved: resolved.length,
		responded: responseTimes.length,
		responseMeanMs: mean(responseTimes),
		responseP90Ms: percentile(responseTimes, 90),
		responseDecided: decided,
		respondedInSla: met,
		responseRate: ratio(met, decided),
		completionRate: ratio(resolved.length, live.length),
		ratings: rated.length,
		satisfied,
		satisfaction: ratio(satisfied, rated.length),
		wishesPosted: wishes.length,
		wishesClaimed: claimed,
		claimRate: ratio(claimed, wishes.length),
		peopleServed: phones.size + anonymous,
		...onsiteFigures(live, policyFor, now)
	};
}

/** Figures per group, groups in key order (months sort as "YYYY-MM"). */
export function groupFigures(
	items: readonly FigureItem[],
	key: (item: FigureItem) => string,
	policyFor: (category: CategoryId) => SlaPolicy,
	now: number
): { key: string; figures: Figures }[] {
	const groups = new Map<string, FigureItem[]>();
	for (const i of items) {
		const k = key(i);
		const list = groups.get(k) ?? [];
		list.push(i);
		groups.set(k, list);
	}
	return [...groups.keys()]
		.sort()
		.map((k) => ({ key: k, figures: computeFigures(groups.get(k)!, policyFor, now) }));
}

/** The Asia/Shanghai calendar date of an instant, "YYYY-MM-DD". */
export function shanghaiDate(at: number): string {
	return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar month of an instant, "YYYY-MM". */
export function shanghaiMonth(at: number): string {
	return shanghaiDate(at).slice(0, 7);
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a "YYYY-MM-DD" string names a real calendar day. */
export function isCalendarDate(date: string): boolean {
	try {
		shanghaiDayStart(date);
		return true;
	} catch {
		return false;
	}
}

/** The instant a Shanghai calendar day ("YYYY-MM-DD") begins. */
export function shanghaiDayStart(date: string): number {
	if (!DATE_PATTERN.test(date)) throw new Error(`not a date: ${date}`);
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const start = Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
	// Date.UTC rolls 31 April over into May; a day that does not exist is refused instead.
	if (shanghaiDate(start) !== date) throw new Error(`no such day: ${date}`);
	return start;
}

/** From the start of `from` to the end of `to` (both Shanghai days, inclusive): [start, end). */
export function shanghaiRange(from: string, to: string): { start: number; end: number } {
	return { start: shanghaiDayStart(from), end: shanghaiDayStart(to) + DAY_MS };
}

/** The months a range touches, "YYYY-MM", in order, so empty months still get a row. */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.split('-').map(Number) as [number, number];
	const [ty, tm] = to.split('-').map(Number) as [number, number];
	while (y < ty || (y === ty && m <= tm)) {
		out.push(`${y}-${String(m).padStart(2, '0')}`);
		m += 1;
		if (m > 12) {
			m = 1;
			y += 1;
		}
	}
	return out;
}

// Warm stations and service days -----------------------------------------------------

/** Attendance on one date of one activity. */
export interface ServiceDayRecord {
	activityId: number;
	/** Shanghai date of the occurrence, "YYYY-MM-DD". */
	date: string;
	/** People marked present (signed up or walk-in). */
	attended: number;
}

/**
 * 举办活动场次: dates of activities that really took place, i.e. on which at least one person was
 * marked present. A scheduled date nobody came to (or that was called off) is not counted.
 */
export function activitiesHeld(records: readonly ServiceDayRecord[]): number {
	return new Set(records.filter((r) => r.attended > 0).map((r) => `${r.activityId}@${r.date}`))
		.size;
}

/**
 * 服务人次 of a station or township: station visits (我来过 taps) + activity attendances + wishes
 * and reports resolved. It counts services given, not distinct people: the same resident who
 * visits twice and comes to a class counts three times, as the township's own reports do.
 */
export function peopleServedAtSites(parts: {
	visits: number;
	attendances: number;
	resolvedWishes: number;
}): number {
	return parts.visits + parts.attendances + parts.resolvedWishes;
}

/**
 * 结对帮扶 figures (DESIGN.md §12):
 * - paired share = households with a live pairing ÷ active households;
 * - visited this month = paired households with a visit in the current Shanghai calendar month ÷
 *   paired households;
 * - visits per member = visits this month ÷ members holding at least one pairing;
 * - household wishes resolved = wishes raised on visits now resolved or closed ÷ all of them;
 * - income change = per household, the latest recorded year's income − the earliest's, over the
 *   households with two or more years recorded; the mean of those changes.
 */
export interface PairingFigures {
	households: number;
	paired: number;
	pairedShare: number | null;
	visitedThisMonth: number;
	visitedShare: number | null;
	members: number;
	visitsThisMonth: number;
	visitsPerMember: number | null;
	householdWishes: number;
	householdWishesResolved: number;
	incomeChanges: { householdId: number; fromYear: number; toYear: number; change: number }[];
	incomeChangeMean: number | null;
}

export function pairingFigures(
	input: {
		households: readonly {
			id: number;
			pairing: { memberId: number } | null;
			lastVisitAt: number | null;
		}[];
		wishes: readonly { status: string }[];
		incomes: readonly { household_id: number; year: number; yuan: number }[];
		/** Visits logged in the current Shanghai calendar month, when known. */
		visitsThisMonth?: number;
	},
	now: number
): PairingFigures {
	const month = shanghaiMonth(now);
	const paired = input.households.filter((h) => h.pairing !== null);
	const visited = paired.filter(
		(h) => h.lastVisitAt !== null && shanghaiMonth(h.lastVisitAt) === month
	);
	const members = new Set(paired.map((h) => h.pairing!.memberId)).size;
	const visitsThisMonth = input.visitsThisMonth ?? 0;
	const resolved = input.wishes.filter((w) =>
		(RESOLVED_STATUSES as readonly string[]).includes(w.status)
	).length;
	const byHousehold = new Map<number, { year: number; yuan: number }[]>();
	for (const i of input.incomes) {
		byHousehold.set(i.household_id, [...(byHousehold.get(i.household_id) ?? []), i]);
	}
	const incomeChanges = [...byHousehold.entries()].flatMap(([householdId, years]) => {
		if (years.length < 2) return [];
		const sorted = [...years].sort((a, b) => a.year - b.year);
		const first = sorted[0]!;
		const last = sorted[sorted.length - 1]!;
		return [
			{ householdId, fromYear: first.year, toYear: last.year, change: last.yuan - first.yuan }
		];
	});
	return {
		households: input.households.length,
		paired: paired.length,
		pairedShare: ratio(paired.length, input.households.length),
		visitedThisMonth: visited.length,
		visitedShare: ratio(visited.length, paired.length),
		members,
		visitsThisMonth,
		visitsPerMember: input.visitsThisMonth === undefined ? null : ratio(visitsThisMonth, members),
		householdWishes: input.wishes.length,
		householdWishesResolved: resolved,
		incomeChanges,
		incomeChangeMean: mean(incomeChanges.map((c) => c.change))
	};
}
