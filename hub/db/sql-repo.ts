import type { Query } from './sqlite.ts';

/**
 * The SQLite side of a repository of the store seam (hub/store): the same methods, each taking
 * the connection (or the open transaction) first. The store binds them to one (bindFirst).
 */
export type SqlRepo<R> = {
	[K in keyof R]: R[K] extends (...args: infer A) => infer T ? (q: Query, ...args: A) => T : never;
};
