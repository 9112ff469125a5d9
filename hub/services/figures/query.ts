/**
 * The figures page and its exports: loads the raw items of a Shanghai date range and hands them
 * to shared/domain/figures.ts, so the numbers here are the same functions the walls use.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import {
	computeFigures,
	groupFigures,
	isCalendarDate,
	monthsBetween,
	shanghaiMonth,
	postFigures,
	shanghaiRange,
	pairingFigures,
	type Figures,
	type PairingFigures,
	type PostFigures
} from '../../../shared/domain/figures.ts';
import { monthIndex, monthStart } from '../../../shared/domain/pairing.ts';
import { hopsOf } from '../../../shared/domain/field.ts';
import type { CategoryId } from '../../../shared/domain/categories.ts';
import type { DeskItem, FiguresQuery, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { bindFirst } from '../../infra/bind.ts';
import type { Repos, Store } from '../../store/store.ts';
import { slaPolicies } from '../dispatch/policies.ts';
import { requireRole } from '../staff/roles.ts';

/** A figures page covers at most this many days (a few years of monthly bars). */
const MAX_RANGE_DAYS = 3 * 366;

export interface FiguresReport {
	query: FiguresQuery;
	total: Figures;
	byMonth: { key: string; figures: Figures }[];
	bySite: { key: string; name: string; figures: Figures }[];
	byCategory: { key: CategoryId; figures: Figures }[];
	/** The field chain per post: acceptance and resolution times over the hops sent to it. */
	byPost: PostFigures[];
	/** 结对帮扶 as of now (not of the date range: pairing is a standing programme). */
	pairing: PairingFigures;
}

export interface FiguresOptions {
	store: Store;
	now?: () => number;
}

export interface FiguresDeps {
	store: Store;
	now: () => number;
}

export function checkRange(
	q: FiguresQuery
): { ok: false; error: ErrorCode; message: string } | null {
	if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'bad_date' };
	}
	const { start, end } = shanghaiRange(q.from, q.to);
	if (end - start > MAX_RANGE_DAYS * 86400_000) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'range_too_long' };
	}
	return null;
}

export async function report(
	d: FiguresDeps,
	by: StaffPrincipal,
	q: FiguresQuery
): Promise<Outcome<FiguresReport>> {
	const refused = requireRole(by, 'dispatcher') ?? checkRange(q);
	if (refused) return refused;
	return d.store.transaction(async (tx) => {
		const range = shanghaiRange(q.from, q.to);
		const items = await tx.deskItems.figureRows(range, q);
		const hops = hopsOf(await tx.deskItems.chainEvents(range, q));
		const policies = await slaPolicies(tx);
		const policyFor = (c: CategoryId) => policies[c];
		const at = d.now();
		const months = new Map(
			groupFigures(items, (i) => shanghaiMonth(i.receivedAt), policyFor, at).map((g) => [
				g.key,
				g.figures
			])
		);
		const empty = computeFigures([], policyFor, at);
		const siteNames = new Map((await tx.sites.listSites()).map((s) => [s.slug, s.name]));
		return {
			ok: true,
			value: {
				query: q,
				total: computeFigures(items, policyFor, at),
				// Every month of the range gets a row, so a quiet month shows as zero, not as a gap.
				byMonth: monthsBetween(q.from, q.to).map((key) => ({
					key,
					figures: months.get(key) ?? empty
				})),
				bySite: groupFigures(items, (i) => i.site, policyFor, at).map((g) => ({
					...g,
					name: siteNames.get(g.key) ?? g.key
				})),
				byCategory: groupFigures(items, (i) => i.category, policyFor, at) as {
					key: CategoryId;
					figures: Figures;
				}[],
				byPost: postFigures(hops),
				pairing: await pairingNow(tx, at)
			}
		};
	});
}

async function pairingNow(tx: Repos, at: number): Promise<PairingFigures> {
	const month = monthIndex(at);
	const counts = await tx.households.visitCounts(monthStart(month), monthStart(month + 1));
	const households = (await tx.households.listHouseholds()).map((h) => ({
		id: h.id,
		pairing: h.member_id === null ? null : { memberId: h.member_id },
		lastVisitAt: h.last_visit_at
	}));
	return pairingFigures(
		{
			households,
			wishes: await tx.households.householdWishes(),
			incomes: await tx.households.incomes(),
			visitsThisMonth: counts.reduce((a, c) => a + c.n, 0)
		},
		at
	);
}

/** Sites to choose from on the figures page. */
export async function sites(d: FiguresDeps): Promise<{ slug: string; name: string }[]> {
	return (await d.store.sites.listSites()).map((s) => ({ slug: s.slug, name: s.name }));
}

/** The items behind a report, for the CSV export. */
export async function items(
	d: FiguresDeps,
	by: StaffPrincipal,
	q: FiguresQuery
): Promise<Outcome<DeskItem[]>> {
	const refused = requireRole(by, 'dispatcher') ?? checkRange(q);
	if (refused) return refused;
	return { ok: true, value: await d.store.deskItems.exportItems(shanghaiRange(q.from, q.to), q) };
}

export function createFiguresQuery(opts: FiguresOptions) {
	const deps: FiguresDeps = { store: opts.store, now: opts.now ?? Date.now };
	return bindFirst(deps, { report, sites, items });
}

export type FiguresQueryService = ReturnType<typeof createFiguresQuery>;
