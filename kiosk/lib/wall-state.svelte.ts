/**
 * The wall's live state. Snapshots replace it; events are applied forward only (by seq), so a
 * late or repeated event can never roll a card back.
 */
import { isDone } from '$shared/domain/wish.ts';
import type { PublicWish, SiteCounters, SyncResponse, WallEvent } from '$shared/schemas/wishes.ts';

export class WallState {
	wishes = $state<PublicWish[]>([]);
	counters = $state<SiteCounters | null>(null);
	lastSeq = $state(0);
	/** Ids of wishes that just turned fulfilled while on screen: the wall celebrates them. */
	justFulfilled = $state<string[]>([]);
	/** False until a snapshot or catch-up came (hub, device or server): an empty list means nothing yet. */
	known = $state(false);

	apply(sync: SyncResponse): void {
		this.known = true;
		this.counters = sync.counters;
		if (sync.mode === 'snapshot') {
			this.wishes = sync.wishes;
			this.lastSeq = Math.max(sync.headSeq, ...sync.wishes.map((w) => w.seq));
			return;
		}
		for (const e of sync.events) this.applyEvent(e);
		this.lastSeq = Math.max(this.lastSeq, sync.headSeq);
	}

	applyEvent(event: WallEvent): void {
		this.counters = event.counters;
		this.lastSeq = Math.max(this.lastSeq, event.seq);
		const incoming = event.wish;
		const index = this.wishes.findIndex((w) => w.id === incoming.id);
		if (index === -1) {
			this.wishes = [incoming, ...this.wishes];
			return;
		}
		const current = this.wishes[index]!;
		if (current.seq >= incoming.seq) return;
		const becameDone = isDone(incoming.status) && !isDone(current.status);
		if (incoming.status === 'rejected' || incoming.status === 'merged') {
			this.wishes = this.wishes.filter((w) => w.id !== incoming.id);
			return;
		}
		this.wishes[index] = incoming;
		if (becameDone) this.justFulfilled = [...this.justFulfilled, incoming.id];
	}
}
