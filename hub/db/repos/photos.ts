import type { Query } from '../sqlite.ts';
import { type PhotoRow, type PhotosRepo } from '../../store/photos.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function insertPhoto(tx: Query, p: Omit<PhotoRow, 'attached_seq'>): Promise<void> {
	await tx.run(
		'INSERT INTO photos (id, wish_id, member_id, mime, bytes, file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
		[p.id, p.wish_id, p.member_id, p.mime, p.bytes, p.file, p.created_at]
	);
}

export function photoById(tx: Query, id: string): Promise<PhotoRow | undefined> {
	return tx.get<PhotoRow>(
		'SELECT id, wish_id, member_id, mime, bytes, file, created_at, attached_seq FROM photos WHERE id = ?',
		[id]
	);
}

export async function attachPhoto(tx: Query, id: string, seq: number): Promise<void> {
	await tx.run('UPDATE photos SET attached_seq = ? WHERE id = ?', [seq, id]);
}

export function unattachedPhotosBefore(tx: Query, cutoff: number): Promise<PhotoRow[]> {
	return tx.all<PhotoRow>(
		`SELECT id, wish_id, member_id, mime, bytes, file, created_at, attached_seq FROM photos
		WHERE attached_seq IS NULL AND created_at < ?`,
		[cutoff]
	);
}

export async function deletePhoto(tx: Query, id: string): Promise<void> {
	await tx.run('DELETE FROM photos WHERE id = ? AND attached_seq IS NULL', [id]);
}

export const photosRepo: SqlRepo<PhotosRepo> = {
	insertPhoto,
	photoById,
	attachPhoto,
	unattachedPhotosBefore,
	deletePhoto
};
