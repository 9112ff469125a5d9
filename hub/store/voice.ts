/**
 * What the voice endpoints need to know about a wish (or a need's ask, whose listen code stands in
 * for both codes) to decide who may upload or hear its clip.
 */
export interface VoiceWishRow {
	id: string;
	site_id: number;
	kiosk_id: number | null;
	channel: 'kiosk' | 'phone' | 'desk' | 'meeting';
	voice_ms: number | null;
	voice_mime: string | null;
	claim_code: string;
	track_code: string;
	received_at: number;
}

export interface VoiceRepo {
	voiceWish(id: string): Promise<VoiceWishRow | undefined>;
	/** Which of `ids` a clip may still belong to: a stored wish, or one held for staff. */
	clipOwners(ids: readonly string[]): Promise<Set<string>>;
}
