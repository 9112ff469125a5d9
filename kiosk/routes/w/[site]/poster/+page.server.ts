import { qrSvg } from '$lib/qr.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const site = await locals.hub.phone.site(params.site);
	if (!site) return { site: null, url: '', qr: '' };
	const url = locals.hub.phone.intakeUrl(site.slug);
	return { site, url, qr: await qrSvg(url) };
};
