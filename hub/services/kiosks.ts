/** Kiosk identity: enrolment (token issue) and authentication of a connecting device. */
import type { Heartbeat, KioskHello } from '../../shared/schemas/wishes.ts';

import type { Store, Repos } from '../store/store.ts';
import { type HeartbeatReport, type KioskAtSite } from '../store/kiosks.ts';

import { toSite } from '../store/sites.ts';
import { readInBatches } from '../infra/read-batch.ts';
import { hashToken, newToken } from '../infra/secrets.ts';

/** How often buffered kiosk reports (last seen, heartbeats) are written. */
const REPORT_EVERY_MS = 30_000;

/** Creates a kiosk and returns its device token: shown once, stored only as a hash. */
export async function enrolKiosk(
	tx: Repos,
	kiosk: { siteId: number; name: string; ticketPrefix: string; paperMm?: 58 | 80 },
	now: number
): Promise<{ id: number; token: string }> {
	const token = newToken();
	const id = await tx.kiosks.insertKiosk(
		{ ...kiosk, paperMm: kiosk.paperMm ?? 58, tokenHash: hashToken(token) },
		now
	);
	return { id, token };
}

export function createKioskService(opts: {
	store: Store;
	publicUrl: () => string;
	now?: () => number;
}) {
	const { store } = opts;
	const now = opts.now ?? Date.now;
	/*
	 * Last-seen times and heartbeats, held here and written together every REPORT_EVERY_MS
	 * instead of one durable write per connection or beat (at a thousand kiosks, one every 60 ms
	 * beside the wishes). They are reports, not promises: a crash loses one interval that the next
	 * beat restores, and whoever reads them (the fleet overview) calls flush first.
	 */
	const seen = new Map<number, number>();
	const beats = new Map<number, HeartbeatReport>();
	async function flush(): Promise<void> {
		if (seen.size === 0 && beats.size === 0) return;
		const seenBatch = [...seen];
		const beatBatch = [...beats.values()];
		seen.clear();
		beats.clear();
		const write = async (q: Repos) => {
			await q.kiosks.touchKiosks(seenBatch);
			await q.kiosks.recordHeartbeats(beatBatch);
		};
		// Usually only one kind is waiting: then one autocommit statement, not BEGIN … COMMIT.
		await (seenBatch.length > 0 && beatBatch.length > 0 ? store.transaction(write) : write(store));
	}
	// A reconnect storm's devices and hellos are read a turn's worth at a time. Plain reads, no
	// write transaction: a storm must not queue an fsync per kiosk.
	const byTokenHash = readInBatches((hashes: string[]) => store.kiosks.kiosksByTokenHashes(hashes));
	const hellos = readInBatches(async (ids: number[]): Promise<Map<number, KioskHello>> => {
		const [kiosks, head, categories] = await Promise.all([
			store.kiosks.kiosksForHello(ids),
			store.events.headSeq(),
			store.settings.categorySettings()
		]);
		const phrases = Object.fromEntries(categories.map((c) => [c.category, c.phrases]));
		const publicUrl = opts.publicUrl();
		return new Map(
			[...kiosks].map(([id, { kiosk, site, lastTicket }]) => [
				id,
				{
					kioskId: kiosk.id,
					name: kiosk.name,
					ticketPrefix: kiosk.ticket_prefix,
					lastTicket,
					paperMm: kiosk.paper_mm,
					publicUrl,
					site: toSite(site),
					headSeq: head,
					phrases
				}
			])
		);
	});
	const timer = setInterval(() => {
		flush().catch((err: unknown) => console.error('could not record kiosk reports', err));
	}, REPORT_EVERY_MS);
	timer.unref();
	return {
		heartbeat(kioskId: number, hb: Heartbeat): void {
			beats.set(kioskId, { kioskId, at: now(), hb });
		},

		async authenticate(token: string): Promise<KioskAtSite | null> {
			const found = await byTokenHash(hashToken(token));
			return found && found.kiosk.revoked_at === null ? found : null;
		},

		async hello(kioskId: number): Promise<KioskHello> {
			seen.set(kioskId, now());
			return (await hellos(kioskId))!;
		},

		/** Writes the buffered last-seen times and heartbeats; on a timer, before reads, at shutdown. */
		flush,

		close(): Promise<void> {
			clearInterval(timer);
			return flush();
		}
	};
}

export type KioskService = ReturnType<typeof createKioskService>;
