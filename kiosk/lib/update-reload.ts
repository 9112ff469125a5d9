/**
 * A kiosk whose page is older than the hub (the hub refused its protocol) must not wait for
 * someone to come and update it: the next page load fetches the hub's current app (the service
 * worker serves kiosk pages network-first). It reloads only after nobody has touched the screen
 * for a while, so no resident loses a half-told wish.
 */
export interface IdleReloadOptions {
	idleMs: number;
	checkEveryMs?: number;
	now?: () => number;
	reload?: () => void;
	/** Where touches are heard; window in the browser. */
	target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

const TOUCHES = ['pointerdown', 'keydown'] as const;

/** Reloads once the screen has been left alone for idleMs; returns a function that cancels. */
export function reloadWhenIdle(opts: IdleReloadOptions): () => void {
	const now = opts.now ?? Date.now;
	const reload = opts.reload ?? (() => location.reload());
	const target = opts.target ?? window;
	let lastTouch = now();
	const touched = () => {
		lastTouch = now();
	};
	for (const t of TOUCHES) target.addEventListener(t, touched, { passive: true });
	const timer = setInterval(() => {
		if (now() - lastTouch < opts.idleMs) return;
		cancel();
		reload();
	}, opts.checkEveryMs ?? 15_000);
	function cancel(): void {
		clearInterval(timer);
		for (const t of TOUCHES) target.removeEventListener(t, touched);
	}
	return cancel;
}
