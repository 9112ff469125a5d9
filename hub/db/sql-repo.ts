import type { Query } from './sqlite.ts';

/**
 * The SQLite side of a repository of the store seam (hub/store): the same methods, each taking
 * the connection (or the open transaction) first. The store binds them to one (bindRepo).
 */
export type SqlRepo<R> = {
	[K in keyof R]: R[K] extends (...args: infer A) => infer T ? (q: Query, ...args: A) => T : never;
};

/** A repository's methods bound to one connection or transaction. */
export function bindRepo<R>(repo: SqlRepo<R>, q: Query): R {
	const out: Record<string, unknown> = {};
	for (const [name, fn] of Object.entries(repo as Record<string, (...a: unknown[]) => unknown>)) {
		out[name] = (...args: unknown[]) => fn(q, ...args);
	}
	return out as R;
}
