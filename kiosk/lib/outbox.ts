/**
 * The kiosk side of "never lose a wish" (DESIGN.md §7): every submission is written here before
 * the kiosk says anything, and leaves only when the hub has acknowledged its commit (or refused
 * it for good). Also keeps the last wall snapshot, so a kiosk rebooted offline still shows a wall.
 */
import type { WishSubmit } from '$shared/schemas/wishes.ts';

export interface OutboxItem {
	wish: WishSubmit;
	/** The voice clip, kept until it is uploaded too. */
	voice: Blob | null;
	addedAt: number;
	/** Set once the hub has committed the wish; the clip may still be waiting. */
	committed?: boolean;
}

const DB_PREFIX = 'wishwall-kiosk';
const OUTBOX = 'outbox';
const SNAPSHOTS = 'snapshots';
const BY_AGE = 'addedAt';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

export class Outbox {
	#db: IDBDatabase;

	private constructor(db: IDBDatabase) {
		this.#db = db;
	}

	/** One database per device token, so two kiosks sharing a browser never send each other's wishes. */
	static async open(device: string): Promise<Outbox> {
		const req = indexedDB.open(`${DB_PREFIX}-${device}`, 2);
		req.onupgradeneeded = () => {
			const db = req.result;
			const outbox = db.objectStoreNames.contains(OUTBOX)
				? req.transaction!.objectStore(OUTBOX)
				: db.createObjectStore(OUTBOX, { keyPath: 'wish.id' });
			// Oldest first without reading every queued wish (and its clip) into memory.
			if (!outbox.indexNames.contains(BY_AGE)) outbox.createIndex(BY_AGE, 'addedAt');
			if (!db.objectStoreNames.contains(SNAPSHOTS)) db.createObjectStore(SNAPSHOTS);
		};
		return new Outbox(await request(req));
	}

	/** Resolves once the item is durably in IndexedDB: only then may the kiosk print "submitted". */
	async put(item: OutboxItem): Promise<void> {
		const tx = this.#db.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
		tx.objectStore(OUTBOX).put(item);
		await done(tx);
	}

	/** Oldest first, so the hub receives wishes in the order residents made them. */
	async list(limit?: number): Promise<OutboxItem[]> {
		const byAge = this.#db.transaction(OUTBOX).objectStore(OUTBOX).index(BY_AGE);
		return request(byAge.getAll(null, limit) as IDBRequest<OutboxItem[]>);
	}

	async count(): Promise<number> {
		return request(this.#db.transaction(OUTBOX).objectStore(OUTBOX).count());
	}

	async remove(ids: string[]): Promise<void> {
		if (ids.length === 0) return;
		const tx = this.#db.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
		const store = tx.objectStore(OUTBOX);
		for (const id of ids) store.delete(id);
		await done(tx);
	}

	async saveSnapshot(key: string, value: unknown): Promise<void> {
		const tx = this.#db.transaction(SNAPSHOTS, 'readwrite');
		tx.objectStore(SNAPSHOTS).put(value, key);
		await done(tx);
	}

	async loadSnapshot<T>(key: string): Promise<T | undefined> {
		return request(
			this.#db.transaction(SNAPSHOTS).objectStore(SNAPSHOTS).get(key) as IDBRequest<T | undefined>
		);
	}
}
