/**
 * A kiosk screen whose code is fetched on first use, so the wall (the screen a kiosk shows all
 * day) starts without the intake, tracking and station code. Offline kiosks still have every
 * chunk: the service worker caches the whole build at install.
 */
export class LazyScreen<C> {
	/** The loaded component; undefined until `load()` has resolved once. */
	component = $state<C | undefined>();
	#loading: Promise<C> | undefined;
	readonly #importer: () => Promise<{ default: C }>;

	constructor(importer: () => Promise<{ default: C }>) {
		this.#importer = importer;
	}

	/** Starts the download or joins the one under way; after a failure the next call retries. */
	load(): Promise<C> {
		this.#loading ??= this.#importer().then(
			(module) => (this.component = module.default),
			(err: unknown) => {
				this.#loading = undefined;
				throw err;
			}
		);
		return this.#loading;
	}
}

/**
 * Loads the given screens one after another while the page is idle, each in its own idle
 * callback, so preparing them never holds up a tap. Returns a function that stops it.
 */
export function prefetchWhenIdle(screens: readonly LazyScreen<unknown>[]): () => void {
	let stopped = false;
	let handle: number | undefined;
	const idle = (run: () => void) =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(run, { timeout: 5_000 })
			: window.setTimeout(run, 200);
	const next = (i: number) => {
		if (stopped || i >= screens.length) return;
		handle = idle(() => {
			screens[i]!.load().then(
				() => next(i + 1),
				// Offline before the service worker cached the build: a tap will try again.
				() => next(i + 1)
			);
		});
	};
	next(0);
	return () => {
		stopped = true;
		if (handle === undefined) return;
		if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
		else clearTimeout(handle);
	};
}
