import type { PostRow, PostsRepo } from '../../store/posts.ts';
import type { SqlRepo } from '../sql-repo.ts';
import type { Query } from '../sqlite.ts';

const SELECT_POST = `SELECT p.id, p.name, p.site_id, s.slug AS site_slug, p.active
	FROM posts p LEFT JOIN sites s ON s.id = p.site_id`;

export async function insertPost(tx: Query, name: string, siteId: number | null): Promise<number> {
	const r = await tx.run('INSERT INTO posts (name, site_id) VALUES (?, ?)', [name, siteId]);
	return r.lastID;
}

export function postById(tx: Query, id: number): Promise<PostRow | undefined> {
	return tx.get<PostRow>(`${SELECT_POST} WHERE p.id = ?`, [id]);
}

export function listPosts(tx: Query): Promise<PostRow[]> {
	return tx.all<PostRow>(`${SELECT_POST} ORDER BY p.active DESC, p.id`);
}

export async function setPostActive(tx: Query, id: number, active: boolean): Promise<void> {
	await tx.run('UPDATE posts SET active = ? WHERE id = ?', [active ? 1 : 0, id]);
}

export const postsRepo: SqlRepo<PostsRepo> = { insertPost, postById, listPosts, setPostActive };
