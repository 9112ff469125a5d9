/**
 * The desk's 结对帮扶 pages, pure: the household list's filter as the address bar carries it,
 * how a household's month and cadence read, and refusal codes as sentences.
 */
import { HOUSEHOLD_TAGS, type HouseholdTag } from '$shared/domain/pairing.ts';
import type { HouseholdSummary } from '$shared/schemas/pairing.ts';
import { fill, t } from '$lib/i18n/index.ts';

/** The list's filter: every field optional, absent = all. */
export interface HouseholdFilter {
	site?: string;
	tag?: HouseholdTag;
	paired?: boolean;
	visitedThisMonth?: boolean;
	overdue?: boolean;
}

const yesNo = (raw: string | null): boolean | undefined =>
	raw === 'yes' ? true : raw === 'no' ? false : undefined;

const isTag = (raw: string | null): raw is HouseholdTag =>
	(HOUSEHOLD_TAGS as readonly (string | null)[]).includes(raw);

/** ?site=&tag=&paired=yes|no&visited=yes|no&overdue=1 → the filter (unknown values ignored). */
export function readFilter(params: URLSearchParams): HouseholdFilter {
	const filter: HouseholdFilter = {};
	const site = params.get('site');
	if (site && /^[a-z][a-z0-9-]{1,31}$/.test(site)) filter.site = site;
	const tag = params.get('tag');
	if (isTag(tag)) filter.tag = tag;
	const paired = yesNo(params.get('paired'));
	if (paired !== undefined) filter.paired = paired;
	const visited = yesNo(params.get('visited'));
	if (visited !== undefined) filter.visitedThisMonth = visited;
	if (params.get('overdue') === '1') filter.overdue = true;
	return filter;
}

/** The filter back as a query string (for the export link). */
export function filterQuery(filter: HouseholdFilter): string {
	const q = new URLSearchParams();
	if (filter.site) q.set('site', filter.site);
	if (filter.tag) q.set('tag', filter.tag);
	if (filter.paired !== undefined) q.set('paired', filter.paired ? 'yes' : 'no');
	if (filter.visitedThisMonth !== undefined)
		q.set('visited', filter.visitedThisMonth ? 'yes' : 'no');
	if (filter.overdue) q.set('overdue', '1');
	return q.toString();
}

export type MonthState = 'unpaired' | 'overdue' | 'due' | 'done';

/** Where a household stands this month, as the list's badge shows it. */
export function monthState(h: Pick<HouseholdSummary, 'pairing' | 'overdue' | 'due'>): MonthState {
	if (!h.pairing) return 'unpaired';
	if (h.overdue) return 'overdue';
	return h.due ? 'due' : 'done';
}

/** "每月至少一次" / "每 10 天至少一次". */
export function cadenceWords(cadenceDays: number | null): string {
	const p = t().pairing.pair;
	return cadenceDays === null ? p.monthly : fill(p.everyDays, { n: cadenceDays });
}

/** A tag in the desk's language. */
export function tagLabel(tag: HouseholdTag): string {
	return t().pairing.tags[tag];
}

/** A refusal code (a schema issue or a hub error) as a sentence. */
export function pairingProblem(code: string | null | undefined): string {
	const problems = t().pairing.problems;
	return (code && problems[code]) || problems.generic!;
}

/** A share 0..1 as a whole percentage; "—" without a denominator. */
export function share(part: number, whole: number): string {
	return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}
