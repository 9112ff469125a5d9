export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PhotoRow {
	id: string;
	wish_id: string;
	member_id: number;
	mime: PhotoMime;
	bytes: number;
	file: string;
	created_at: number;
	attached_seq: number | null;
}

export interface PhotosRepo {
	insertPhoto(p: Omit<PhotoRow, 'attached_seq'>): Promise<void>;
	photoById(id: string): Promise<PhotoRow | undefined>;
	attachPhoto(id: string, seq: number): Promise<void>;
	/** Photos uploaded before `cutoff` that no progress note took. */
	unattachedPhotosBefore(cutoff: number): Promise<PhotoRow[]>;
	deletePhoto(id: string): Promise<void>;
}
