import type { LayoutLoad } from './$types';

// The desk's strings come with desk pages only: kiosks and phone pages never download them.
export const load: LayoutLoad = async ({ route }) => {
	if (!route.id?.startsWith('/desk')) return;
	const { loadStaffStrings } = await import('$lib/i18n/index.ts');
	await loadStaffStrings();
};
