import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	slug: params.site,
	site: await locals.hub.phone.site(params.site)
});
