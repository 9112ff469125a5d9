import type { Query } from '../sqlite.ts';
import { type VoiceWishRow, type VoiceRepo } from '../../store/voice.ts';
import type { SqlRepo } from '../sql-repo.ts';

export function voiceWish(tx: Query, id: string): Promise<VoiceWishRow | undefined> {
	return tx.get<VoiceWishRow>(
		`SELECT id, site_id, kiosk_id, channel, voice_ms, voice_mime, claim_code, track_code, received_at
		FROM wishes WHERE id = ?`,
		[id]
	);
}

export const voiceRepo: SqlRepo<VoiceRepo> = {
	voiceWish
};
