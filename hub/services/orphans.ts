/**
 * Uploads whose wish never came: voice clips a kiosk (or a stolen token) sent for ids that never
 * arrived, and photos no progress note or household visit took. Kept for a while (a kiosk may send the clip long
 * before an outbox of wishes drains), then deleted so they cannot fill the disk.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/store.ts';
import { PHOTO_DIR } from './claims.ts';

export const VOICE_DIR = 'voice';

export interface OrphanDeps {
	store: Store;
	dataDir: string;
	now: () => number;
	/** An upload older than this whose wish is not there is deleted. */
	maxAgeMs: number;
}

/** Deletes orphaned clips (and leftover partial writes) and unused photos; says how many. */
export async function sweepOrphans(d: OrphanDeps): Promise<{ clips: number; photos: number }> {
	const cutoff = d.now() - d.maxAgeMs;
	const dir = join(d.dataDir, VOICE_DIR);
	const old: { name: string; id: string }[] = [];
	for (const name of await readdir(dir).catch(() => [] as string[])) {
		const info = await stat(join(dir, name)).catch(() => null);
		if (info && info.mtimeMs < cutoff) old.push({ name, id: name.slice(0, name.indexOf('.')) });
	}
	const owners = await d.store.voice.clipOwners(old.map((f) => f.id));
	let clips = 0;
	for (const f of old) {
		// A partial write is never a clip; a whole one stays while its wish is there or held.
		if (!f.name.endsWith('.part') && owners.has(f.id)) continue;
		await rm(join(dir, f.name), { force: true });
		if (!f.name.endsWith('.part')) clips++;
	}
	let photos = 0;
	for (const p of await d.store.photos.unattachedPhotosBefore(cutoff)) {
		await rm(join(d.dataDir, PHOTO_DIR, p.file), { force: true });
		await d.store.photos.deletePhoto(p.id);
		photos++;
	}
	// A household visit's photo the member uploaded but never logged a visit with.
	for (const p of await d.store.households.unattachedVisitPhotosBefore(cutoff)) {
		await rm(join(d.dataDir, PHOTO_DIR, p.file), { force: true });
		await d.store.households.deleteVisitPhoto(p.id);
		photos++;
	}
	return { clips, photos };
}

/** Sweeps every hour while the hub runs; returns stop. */
export function scheduleOrphanSweep(d: OrphanDeps, everyMs = 3_600_000): () => void {
	const timer = setInterval(() => {
		sweepOrphans(d).then(
			(r) => {
				if (r.clips + r.photos > 0)
					console.log(`deleted ${r.clips} orphaned voice clips, ${r.photos} unused photos`);
			},
			(err: unknown) => console.error('orphan sweep failed', err)
		);
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
