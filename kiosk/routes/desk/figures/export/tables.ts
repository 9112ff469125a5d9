/**
 * The CSV tables of the figures page's exports, as rows of cells: the figures (total, per month,
 * site, category), every item of the range, and the field chain per post. Numbers as a
 * spreadsheet reads them: hours with two decimals, rates as percentages.
 */
import { categoryById } from '$shared/domain/categories.ts';
import type { Figures, PairingFigures, PostFigures } from '$shared/domain/figures.ts';
import type { DeskItem, FiguresQuery } from '$shared/schemas/desk.ts';
import { longTime } from '$lib/desk-format.ts';
import type { Cell } from '$lib/csv.ts';
import { t } from '$lib/i18n/index.ts';

type Report = Extract<
	Awaited<ReturnType<App.Locals['hub']['figures']['report']>>,
	{ ok: true }
>['value'];

const rate = (r: number | null) => (r === null ? '' : (r * 100).toFixed(1) + '%');
const hours = (ms: number | null) => (ms === null ? '' : (ms / 3600_000).toFixed(2));
const minutes = (ms: number | null) => (ms === null ? '' : (ms / 60_000).toFixed(1));

function figureCells(f: Figures): Cell[] {
	return [
		f.received,
		f.rejected,
		f.merged,
		f.resolved,
		rate(f.completionRate),
		f.responseDecided,
		f.respondedInSla,
		rate(f.responseRate),
		hours(f.responseMeanMs),
		hours(f.responseP90Ms),
		f.ratings,
		f.satisfied,
		rate(f.satisfaction),
		f.wishesPosted,
		f.wishesClaimed,
		rate(f.claimRate),
		f.peopleServed,
		f.onsiteArrived,
		hours(f.onsiteMeanMs),
		hours(f.onsiteP90Ms),
		f.urgentOnsiteDecided,
		f.urgentOnsiteInTime,
		rate(f.urgentOnsiteShare)
	];
}

export function figuresTable(report: Report, query: FiguresQuery): Cell[][] {
	const { csv: c, figures: f } = t().desk;
	const header = [
		c.group,
		c.key,
		f.received,
		f.rejected,
		f.merged,
		f.resolved,
		f.completionRate,
		c.responseDecided,
		c.respondedInSla,
		f.responseRate,
		c.responseMeanHours,
		c.responseP90Hours,
		c.ratings,
		c.satisfied,
		f.satisfaction,
		c.wishesPosted,
		c.wishesClaimed,
		f.claimRate,
		f.peopleServed,
		c.onsiteArrived,
		c.onsiteMeanHours,
		c.onsiteP90Hours,
		c.urgentOnsiteDecided,
		c.urgentOnsiteInTime,
		c.urgentOnsiteShare
	];
	return [
		header,
		[c.total, `${query.from}~${query.to}`, ...figureCells(report.total)],
		...report.byMonth.map((m) => [c.month, m.key, ...figureCells(m.figures)]),
		...report.bySite.map((s) => [c.site, s.name, ...figureCells(s.figures)]),
		...report.byCategory.map((g) => [
			c.category,
			categoryById(g.key).label,
			...figureCells(g.figures)
		])
	];
}

export function itemsTable(items: DeskItem[]): Cell[][] {
	const d = t().desk;
	const c = d.csv;
	return [
		[
			c.ticket,
			c.site,
			c.kind,
			c.category,
			c.urgent,
			c.status,
			c.channel,
			c.text,
			c.contactName,
			c.contactPhone,
			c.receivedAt,
			c.respondedAt,
			c.arrivedAt,
			c.onsiteHours,
			c.resolvedAt,
			c.holder,
			c.rating,
			c.rejectReason,
			c.mergedInto
		],
		...items.map((i) => [
			i.ticketNo,
			i.siteName,
			d.kind[i.kind],
			categoryById(i.category).label,
			i.urgent ? c.yes : c.no,
			d.status[i.status],
			d.channel[i.channel],
			i.text,
			i.contactName,
			i.contactPhone,
			longTime(i.receivedAt),
			longTime(i.respondedAt),
			longTime(i.arrivedAt),
			i.arrivedAt === null ? '' : hours(i.arrivedAt - i.receivedAt),
			longTime(i.resolvedAt),
			i.postName ?? i.memberName ?? '',
			i.rating,
			i.rejectReason,
			i.mergedInto ? (items.find((m) => m.id === i.mergedInto)?.ticketNo ?? i.mergedInto) : ''
		])
	];
}

/** Per post: hops sent, accepted and fixed, with acceptance in minutes and fixing in hours. */
export function postsTable(posts: PostFigures[]): Cell[][] {
	const { csv: c, field: ff } = t().desk;
	return [
		[
			c.post,
			ff.sent,
			ff.accepted,
			ff.acceptMean,
			ff.acceptP90,
			ff.fixed,
			c.fixMeanHours,
			c.fixP90Hours
		],
		...posts.map((p) => [
			p.postName,
			p.sent,
			p.accepted,
			minutes(p.acceptMeanMs),
			minutes(p.acceptP90Ms),
			p.fixed,
			hours(p.fixMeanMs),
			hours(p.fixP90Ms)
		])
	];
}

/** 结对帮扶 as of today: one measure a row, with its count and what it is out of. */
export function pairingTable(p: PairingFigures): Cell[][] {
	const { figures: f, csvHeader: h } = t().pairing;
	const wishes = p.householdWishes === 0 ? null : p.householdWishesResolved / p.householdWishes;
	return [
		[h.measure, h.value, h.count, h.of],
		[f.households, p.households, p.households, ''],
		[f.pairedShare, rate(p.pairedShare), p.paired, p.households],
		[f.visitedShare, rate(p.visitedShare), p.visitedThisMonth, p.paired],
		[
			f.visitsPerMember,
			p.visitsPerMember === null ? '' : p.visitsPerMember.toFixed(2),
			p.visitsThisMonth,
			p.members
		],
		[f.wishesResolved, rate(wishes), p.householdWishesResolved, p.householdWishes],
		[
			f.incomeChange,
			p.incomeChangeMean === null ? '' : Math.round(p.incomeChangeMean),
			p.incomeChanges.length,
			''
		]
	];
}
