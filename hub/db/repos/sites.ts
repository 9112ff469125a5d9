import type { Site } from '../../../shared/schemas/wishes.ts';
import type { Query } from '../sqlite.ts';

export interface SiteRow {
	id: number;
	slug: string;
	name: string;
	kind: 'center' | 'station';
	village: string;
	address: string;
}

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

export function toSite(row: SiteRow): Site {
	return { slug: row.slug, name: row.name, kind: row.kind };
}
