import type { Query } from '../sqlite.ts';
import { type VoiceWishRow, type VoiceRepo } from '../../store/voice.ts';
import type { SqlRepo } from '../sql-repo.ts';

export function voiceWish(tx: Query, id: string): Promise<VoiceWishRow | undefined> {
	return tx.get<VoiceWishRow>(
		`SELECT id, site_id, kiosk_id, channel, voice_ms, voice_mime, claim_code, track_code, received_at
		FROM wishes WHERE id = ?1
		UNION ALL
		SELECT id, site_id, kiosk_id, channel, voice_ms, voice_mime, listen_code, listen_code, received_at
		FROM need_asks WHERE id = ?1`,
		[id]
	);
}

export async function clipOwners(tx: Query, ids: readonly string[]): Promise<Set<string>> {
	const list = JSON.stringify(ids);
	const rows = await tx.all<{ id: string }>(
		`SELECT id FROM wishes WHERE id IN (SELECT value FROM json_each(?1))
		UNION SELECT id FROM need_asks WHERE id IN (SELECT value FROM json_each(?1))
		UNION SELECT wish_id FROM alerts WHERE kind = 'wish_held' AND resolved_at IS NULL
			AND wish_id IN (SELECT value FROM json_each(?1))`,
		[list]
	);
	return new Set(rows.map((r) => r.id));
}

export const voiceRepo: SqlRepo<VoiceRepo> = {
	voiceWish,
	clipOwners
};
