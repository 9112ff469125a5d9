import type { Site } from '../../shared/schemas/wishes.ts';

export interface SiteRow {
	id: number;
	slug: string;
	name: string;
	kind: 'center' | 'station';
	village: string;
	address: string;
}

export function toSite(row: SiteRow): Site {
	return { slug: row.slug, name: row.name, kind: row.kind };
}

export interface SitesRepo {
	insertSite(site: Omit<SiteRow, 'id'>, now: number): Promise<number>;
	/** Everything of a site but its slug, which is printed on paper and never changes. */
	updateSite(id: number, site: Omit<SiteRow, 'id' | 'slug'>): Promise<void>;
	siteById(id: number): Promise<SiteRow | undefined>;
	siteBySlug(slug: string): Promise<SiteRow | undefined>;
	listSites(): Promise<SiteRow[]>;
}
