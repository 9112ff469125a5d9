/** The administration page's tabs (`?tab=`), in the order it shows them, and its form actions. */
export const ADMIN_TABS = [
	'kiosks',
	'sites',
	'members',
	'posts',
	'categories',
	'settings',
	'staff',
	'audit'
] as const;

export type AdminTab = (typeof ADMIN_TABS)[number];

export function isAdminTab(value: string | null): value is AdminTab {
	return (ADMIN_TABS as readonly (string | null)[]).includes(value);
}

/** A form action of the page that comes back to the same tab: `?tab=kiosks&/newCode`. */
export const adminActionUrl = (tab: AdminTab, name: string) => `?tab=${tab}&/${name}`;
