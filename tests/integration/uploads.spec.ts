/**
 * Uploads a wish may never claim: each kiosk's voice clips are limited per hour (count and bytes),
 * and clips whose wish never arrived, like photos no progress note took, are deleted after a while.
 * The hub's clock is the test's.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORPHAN_MS } from '../../hub/config.ts';
import { PHOTO_DIR } from '../../hub/services/claims.ts';
import { newWishId } from '../../shared/domain/codes.ts';
import {
	closeAll,
	connectKiosk,
	numberedAs,
	startTestHub,
	submitBatch,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 7)]);
const VOICE = { durationMs: 4_000, mime: 'audio/webm' as const };
const HOUR = 3_600_000;

function movableClock() {
	let offset = 0;
	return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

async function upload(t: TestHub, token: string, id: string): Promise<number> {
	const res = await fetch(`http://127.0.0.1:${t.hub.port}/api/voice/${id}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/webm' },
		body: new Uint8Array(WEBM)
	});
	await res.arrayBuffer();
	return res.status;
}

async function clips(t: TestHub): Promise<string[]> {
	return (await readdir(join(t.dataDir, 'voice')).catch(() => [] as string[])).sort();
}

describe("a kiosk's voice clips", () => {
	it('are refused past the hourly count, and taken again the next hour', async () => {
		const clock = movableClock();
		const t = await startTestHub({
			now: clock.now,
			clipLimits: { count: { count: 3, perMs: HOUR }, bytes: null }
		});
		const token = t.kiosksAt('shuanglong')[0]!.token;
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await upload(t, token, newWishId()));
		expect(statuses).toEqual([201, 201, 201, 429]);
		// Another kiosk has its own allowance.
		expect(await upload(t, t.kiosksAt('tieshiya')[0]!.token, newWishId())).toBe(201);
		clock.advance(HOUR);
		expect(await upload(t, token, newWishId())).toBe(201);
		expect(await clips(t)).toHaveLength(5);
	});

	it('are refused past the hourly bytes, and nothing of the refused one is stored', async () => {
		const t = await startTestHub({
			clipLimits: { count: null, bytes: { count: 2 * WEBM.length, perMs: HOUR } }
		});
		const token = t.kiosksAt('shuanglong')[0]!.token;
		const ids = [newWishId(), newWishId(), newWishId()];
		const statuses = [];
		for (const id of ids) statuses.push(await upload(t, token, id));
		expect(statuses).toEqual([201, 201, 429]);
		expect(await clips(t)).toEqual([`${ids[0]}.webm`, `${ids[1]}.webm`].sort());
	});
});

describe('orphaned uploads', () => {
	it('delete clips whose wish never came and unused photos, keeping those of stored and held wishes', async () => {
		const clock = movableClock();
		const t = await startTestHub({ now: clock.now });
		const kiosk = t.kiosksAt('tieshiya')[0]!;
		const { socket, hello } = await connectKiosk(t.hub, kiosk.token);
		const next = numberedAs(hello);
		const stored = next({ voice: VOICE });
		// A wish the hub refuses and holds for staff (another kiosk's prefix) keeps its clip too.
		const held = next({ voice: VOICE, ticketNo: 'B-0100' });
		const never = newWishId();
		for (const id of [stored.id, held.id, never])
			expect(await upload(t, kiosk.token, id)).toBe(201);
		const r = await submitBatch(socket, [stored, held]);
		expect(r.ok && r.value.map((x) => (x.ok ? 'ok' : x.held ? 'held' : x.error))).toEqual([
			'ok',
			'held'
		]);

		// A photo no note took, and one a note did.
		const [wish] = await t.hub.core.db.all<{ id: string }>('SELECT id FROM wishes LIMIT 1');
		const [member] = await t.hub.core.db.all<{ id: number }>('SELECT id FROM members LIMIT 1');
		await mkdir(join(t.dataDir, PHOTO_DIR), { recursive: true });
		for (const [id, attached] of [
			['unused-photo-00000000a', null],
			['note-photo-000000000b', 7]
		] as const) {
			await writeFile(join(t.dataDir, PHOTO_DIR, `${id}.jpg`), 'jpeg');
			await t.hub.core.db.run(
				`INSERT INTO photos (id, wish_id, member_id, mime, bytes, file, created_at, attached_seq)
				VALUES (?, ?, ?, 'image/jpeg', 4, ?, ?, ?)`,
				[id, wish!.id, member!.id, `${id}.jpg`, clock.now(), attached]
			);
		}

		// Within the allowed time nothing goes: the wish may still be in an outbox.
		expect(await t.hub.core.sweepOrphans()).toEqual({ clips: 0, photos: 0 });
		clock.advance(DEFAULT_ORPHAN_MS + 60_000);
		expect(await t.hub.core.sweepOrphans()).toEqual({ clips: 1, photos: 1 });
		expect(await clips(t)).toEqual([`${held.id}.webm`, `${stored.id}.webm`].sort());
		expect(existsSync(join(t.dataDir, PHOTO_DIR, 'unused-photo-00000000a.jpg'))).toBe(false);
		expect(existsSync(join(t.dataDir, PHOTO_DIR, 'note-photo-000000000b.jpg'))).toBe(true);
		const photos = await t.hub.core.db.all<{ id: string }>('SELECT id FROM photos ORDER BY id');
		expect(photos.map((p) => p.id)).toEqual(['note-photo-000000000b']);
	});
});
