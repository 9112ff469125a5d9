/** The household list (with the page's filters) as CSV: UTF-8 with BOM, the import's columns first. */
import { error } from '@sveltejs/kit';
import { shanghaiDate } from '$shared/domain/figures.ts';
import type { HouseholdDetail } from '$shared/schemas/pairing.ts';
import { toCsv } from '$lib/csv.ts';
import { readFilter } from '$lib/desk-pairing.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import { householdsTable } from '../households.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const staff = requireStaff(locals);
	const api = locals.hub.pairing;
	const list = await api.households(staff, readFilter(url.searchParams));
	if (!list.ok) error(403, list.message);
	// Address, phone and notes are only in a household's detail.
	const details: HouseholdDetail[] = [];
	for (const h of list.value) {
		const r = await api.household(staff, h.id);
		if (r.ok) details.push(r.value);
	}
	const name = `wishwall-households-${shanghaiDate(Date.now())}.csv`;
	return new Response(toCsv(householdsTable(details)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
