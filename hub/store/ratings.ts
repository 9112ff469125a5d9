export interface RatingsRepo {
	insertRating(r: {
		wishId: string;
		stars: number;
		comment: string;
		channel: 'phone' | 'kiosk';
		seq: number;
		at: number;
	}): Promise<void>;
	/** When the first rating given at or after `since` (the latest resolution) was made, if any. */
	firstRatingSince(wishId: string, since: number): Promise<number | null>;
}
