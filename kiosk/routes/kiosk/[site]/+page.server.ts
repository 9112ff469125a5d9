import { wallSeed } from '$lib/server/device-cookie.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url, locals }) => ({
	seed: await wallSeed(cookies, params.site, url, locals.hub)
});
