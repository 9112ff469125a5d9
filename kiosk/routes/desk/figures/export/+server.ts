/**
 * CSV exports of the figures page: ?type=figures (the table: total, per month, site, category),
 * ?type=items (every item of the range, resident contact included: staff only) or ?type=posts
 * (the field chain per post) or ?type=pairing (结对帮扶 as of today).
 */
import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n/index.ts';
import { toCsv, type Cell } from '$lib/csv.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import { readQuery } from '../query.ts';
import type { RequestHandler } from './$types';
import { figuresTable, itemsTable, pairingTable, postsTable } from './tables.ts';

const TYPES = ['figures', 'items', 'posts', 'pairing'] as const;

export const GET: RequestHandler = async ({ locals, url }) => {
	const staff = requireStaff(locals);
	const { query, bad } = readQuery(url, Date.now());
	if (bad) error(400, t().desk.figures.badRange);
	const d = t().desk;
	const asked = url.searchParams.get('type');
	const type = TYPES.find((k) => k === asked) ?? 'figures';
	let rows: Cell[][];
	if (type === 'items') {
		const r = await locals.hub.figures.items(staff, query);
		if (!r.ok) error(400, d.errors[r.message] ?? r.message);
		rows = itemsTable(r.value);
	} else {
		const r = await locals.hub.figures.report(staff, query);
		if (!r.ok) error(400, d.errors[r.message] ?? r.message);
		rows =
			type === 'posts'
				? postsTable(r.value.byPost)
				: type === 'pairing'
					? pairingTable(r.value.pairing)
					: figuresTable(r.value, query);
	}
	const name = `wishwall-${type}-${query.from}-${query.to}.csv`;
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
