import type { Query } from '../sqlite.ts';
import { type RatingsRepo } from '../../store/ratings.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertRating(
	tx: Query,
	r: {
		wishId: string;
		stars: number;
		comment: string;
		channel: 'phone' | 'kiosk';
		seq: number;
		at: number;
	}
): Promise<void> {
	await tx.run(
		'INSERT INTO ratings (wish_id, stars, comment, channel, seq, at) VALUES (?, ?, ?, ?, ?, ?)',
		[r.wishId, r.stars, r.comment, r.channel, r.seq, r.at]
	);
}

export async function firstRatingSince(
	tx: Query,
	wishId: string,
	since: number
): Promise<number | null> {
	const row = await tx.get<{ at: number | null }>(
		'SELECT min(at) AS at FROM ratings WHERE wish_id = ? AND at >= ?',
		[wishId, since]
	);
	return row?.at ?? null;
}

export const ratingsRepo: SqlRepo<RatingsRepo> = {
	insertRating,
	firstRatingSince
};
