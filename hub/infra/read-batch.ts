import { chunks } from '../db/sqlite.ts';

/**
 * Reads asked for within one turn of the event loop, done together: after a hub restart a
 * thousand kiosks connect within seconds, and every read of every connect waited its turn on the
 * hub's one database connection. A key asked for twice in a
 * turn is read once. Keys go to `read` in the parts any multi-row statement takes (chunks).
 */
export function readInBatches<K, V>(
	read: (keys: K[]) => Promise<Map<K, V>>
): (key: K) => Promise<V | undefined> {
	type Waiter = { resolve: (v: V | undefined) => void; reject: (err: unknown) => void };
	let waiting = new Map<K, Waiter[]>();

	function readWaiting(): void {
		const batch = waiting;
		waiting = new Map();
		for (const part of chunks([...batch.keys()], 1)) {
			const each = (fn: (key: K, w: Waiter) => void) => {
				for (const key of part) for (const w of batch.get(key)!) fn(key, w);
			};
			read(part).then(
				(found) => each((key, w) => w.resolve(found.get(key))),
				(err: unknown) => each((_, w) => w.reject(err))
			);
		}
	}

	return (key) =>
		new Promise<V | undefined>((resolve, reject) => {
			if (waiting.size === 0) setImmediate(readWaiting);
			const list = waiting.get(key);
			if (list) list.push({ resolve, reject });
			else waiting.set(key, [{ resolve, reject }]);
		});
}
