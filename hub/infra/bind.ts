/** Functions that all take the same first argument (a context, a connection), with it given. */
export type BoundFirst<F, M> = {
	[K in keyof M]: M[K] extends (first: F, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/**
 * Gives every function of `fns` the same first argument. Use cases and repositories are plain
 * functions of what they need; callers get an object of methods without that argument.
 */
export function bindFirst<F, M extends Record<string, (first: F, ...args: never[]) => unknown>>(
	first: F,
	fns: M
): BoundFirst<F, M> {
	const out: Record<string, unknown> = {};
	for (const [name, fn] of Object.entries(fns)) {
		out[name] = (...args: never[]) => fn(first, ...args);
	}
	return out as BoundFirst<F, M>;
}
