import type { Query } from '../sqlite.ts';
import { type SiteRow, type SitesRepo } from '../../store/sites.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertSite(
	tx: Query,
	site: Omit<SiteRow, 'id'>,
	now: number
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO sites (slug, name, kind, village, address, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[site.slug, site.name, site.kind, site.village, site.address, now]
	);
	return r.lastID;
}

export async function updateSite(
	tx: Query,
	id: number,
	site: Omit<SiteRow, 'id' | 'slug'>
): Promise<void> {
	await tx.run('UPDATE sites SET name = ?, kind = ?, village = ?, address = ? WHERE id = ?', [
		site.name,
		site.kind,
		site.village,
		site.address,
		id
	]);
}

export function siteById(tx: Query, id: number): Promise<SiteRow | undefined> {
	return tx.get<SiteRow>('SELECT id, slug, name, kind, village, address FROM sites WHERE id = ?', [
		id
	]);
}

export function siteBySlug(tx: Query, slug: string): Promise<SiteRow | undefined> {
	return tx.get<SiteRow>(
		'SELECT id, slug, name, kind, village, address FROM sites WHERE slug = ?',
		[slug]
	);
}

export function listSites(tx: Query): Promise<SiteRow[]> {
	return tx.all<SiteRow>('SELECT id, slug, name, kind, village, address FROM sites ORDER BY id');
}

export const sitesRepo: SqlRepo<SitesRepo> = {
	insertSite,
	updateSite,
	siteById,
	siteBySlug,
	listSites
};
