import { error } from '@sveltejs/kit';
import { ErrorCode } from '$shared/errors.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { PageServerLoad } from './$types';
import { readQuery } from './query.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals);
	let { query, bad } = readQuery(url, Date.now());
	let report = await locals.hub.figures.report(staff, query);
	if (!report.ok && report.error === ErrorCode.invalidPayload) {
		// A range the hub refuses (too long, a day that does not exist): show the default instead.
		({ query } = readQuery(new URL(url.origin), Date.now()));
		bad = true;
		report = await locals.hub.figures.report(staff, query);
	}
	if (!report.ok) error(403, report.message);
	// Warm-station measures over the same Shanghai days and site.
	const stationFigures = await locals.hub.stations.figures(query.from, query.to);
	let stations = stationFigures.total;
	if (query.site) {
		const site = (await locals.hub.stations.sites()).find((s) => s.site.slug === query.site);
		stations = (site && stationFigures.bySite.get(site.site.id)) ?? {
			visits: 0,
			activitiesHeld: 0,
			attendances: 0,
			resolvedWishes: 0,
			peopleServed: 0
		};
	}
	return { report: report.value, bad, sites: await locals.hub.figures.sites(), stations };
};
