/**
 * Reads asked for within one turn of the event loop, done together: after a hub restart a
 * thousand kiosks connect within seconds, and every read of every connect waited its turn on the
 * hub's one database connection (12 round trips per kiosk, counted). A key asked for twice in a
 * turn is read once.
 */
export function readInBatches<K, V>(
	read: (keys: K[]) => Promise<Map<K, V>>,
	/** At most this many keys per read, so one statement does not hold the connection for long. */
	maxKeys = 500
): (key: K) => Promise<V | undefined> {
	type Waiter = { resolve: (v: V | undefined) => void; reject: (err: unknown) => void };
	let waiting = new Map<K, Waiter[]>();

	function readWaiting(): void {
		const batch = waiting;
		waiting = new Map();
		const keys = [...batch.keys()];
		for (let i = 0; i < keys.length; i += maxKeys) {
			const part = keys.slice(i, i + maxKeys);
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
