import type { Query } from '../sqlite.ts';

/** What the voice endpoints need to know about a wish to decide who may upload or hear its clip. */
export interface VoiceWishRow {
	id: string;
	site_id: number;
	kiosk_id: number | null;
	channel: 'kiosk' | 'phone' | 'desk';
	voice_ms: number | null;
	voice_mime: string | null;
	claim_code: string;
	track_code: string;
	received_at: number;
}

export function voiceWish(tx: Query, id: string): Promise<VoiceWishRow | undefined> {
	return tx.get<VoiceWishRow>(
		`SELECT id, site_id, kiosk_id, channel, voice_ms, voice_mime, claim_code, track_code, received_at
		FROM wishes WHERE id = ?`,
		[id]
	);
}
