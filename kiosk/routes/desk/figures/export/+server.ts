/**
 * CSV exports of the figures page: ?type=figures (the table: total, per month, site, category)
 * or ?type=items (every item of the range, resident contact included: staff only).
 */
import { error } from '@sveltejs/kit';
import { categoryById } from '$shared/domain/categories.ts';
import type { Figures } from '$shared/domain/figures.ts';
import { t } from '$lib/i18n/index.ts';
import { toCsv, type Cell } from '$lib/csv.ts';
import { longTime } from '$lib/desk-format.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import { readQuery } from '../query.ts';
import type { RequestHandler } from './$types';

function figureCells(f: Figures): Cell[] {
	const rate = (r: number | null) => (r === null ? '' : (r * 100).toFixed(1) + '%');
	const hours = (ms: number | null) => (ms === null ? '' : (ms / 3600_000).toFixed(2));
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
		f.peopleServed
	];
}

export const GET: RequestHandler = async ({ locals, url }) => {
	const staff = requireStaff(locals);
	const { query, bad } = readQuery(url, Date.now());
	if (bad) error(400, t().desk.figures.badRange);
	const d = t().desk;
	const c = d.csv;
	const f = d.figures;
	let body: string;
	const type = url.searchParams.get('type') === 'items' ? 'items' : 'figures';
	if (type === 'figures') {
		const r = await locals.hub.figures.report(staff, query);
		if (!r.ok) error(400, d.errors[r.message] ?? r.message);
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
			f.peopleServed
		];
		body = toCsv([
			header,
			[c.total, `${query.from}~${query.to}`, ...figureCells(r.value.total)],
			...r.value.byMonth.map((m) => [c.month, m.key, ...figureCells(m.figures)]),
			...r.value.bySite.map((s) => [c.site, s.name, ...figureCells(s.figures)]),
			...r.value.byCategory.map((g) => [
				c.category,
				categoryById(g.key).label,
				...figureCells(g.figures)
			])
		]);
	} else {
		const r = await locals.hub.figures.items(staff, query);
		if (!r.ok) error(400, d.errors[r.message] ?? r.message);
		body = toCsv([
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
				c.resolvedAt,
				c.holder,
				c.rating,
				c.rejectReason,
				c.mergedInto
			],
			...r.value.map((i) => [
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
				longTime(i.resolvedAt),
				i.postName ?? i.memberName ?? '',
				i.rating,
				i.rejectReason,
				i.mergedInto ? (r.value.find((m) => m.id === i.mergedInto)?.ticketNo ?? i.mergedInto) : ''
			])
		]);
	}
	const name = `wishwall-${type}-${query.from}-${query.to}.csv`;
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
