/** A post: where the command center sends problem reports (城市管理岗, 网格员, …). */
export interface PostRow {
	id: number;
	name: string;
	site_id: number | null;
	site_slug: string | null;
	active: number;
}

export interface PostsRepo {
	insertPost(name: string, siteId: number | null): Promise<number>;
	postById(id: number): Promise<PostRow | undefined>;
	/** Every post, active ones first. */
	listPosts(): Promise<PostRow[]>;
	setPostActive(id: number, active: boolean): Promise<void>;
}
