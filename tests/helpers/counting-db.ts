/** A database that counts its round trips, for tests that pin down how many statements a use case costs. */
import type { Db, Query, Tx } from '../../hub/db/sqlite.ts';

/**
 * The same database, counting round trips to the database thread: each statement, whether sent
 * directly or inside a transaction or an exclusive turn, plus a transaction's BEGIN and COMMIT.
 */
export function countingDb(db: Db): { db: Db; statements: () => number; reset: () => void } {
	let n = 0;
	const counted =
		<A extends unknown[], R>(fn: (...args: A) => R) =>
		(...args: A): R => {
			n++;
			return fn(...args);
		};
	const wrapped = new WeakMap<Query, Tx>();
	const wrap = (tx: Tx): Tx => ({
		run: counted(tx.run),
		get: counted(tx.get) as Tx['get'],
		all: counted(tx.all) as Tx['all'],
		exec: counted(tx.exec),
		savepoint: (fn) => {
			n += 2;
			return tx.savepoint((sp) => fn(wrap(sp)));
		}
	});
	return {
		db: {
			...db,
			run: counted(db.run),
			get: counted(db.get) as Db['get'],
			all: counted(db.all) as Db['all'],
			exec: counted(db.exec),
			// One wrapper for the connection, as the real one is the same object on every turn.
			exclusive: (fn) =>
				db.exclusive((q) => {
					const same = wrapped.get(q) ?? wrap(q as Tx);
					wrapped.set(q, same);
					return fn(same);
				}),
			transaction: (fn) => {
				n += 2;
				return db.transaction((tx) => fn(wrap(tx)));
			}
		},
		statements: () => n,
		reset: () => {
			n = 0;
		}
	};
}
