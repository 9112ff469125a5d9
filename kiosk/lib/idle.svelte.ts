/**
 * No time pressure (DESIGN.md §5): after a long idle spell on an intake screen a full-screen
 * warning counts down, any tap cancels it, and only then is the draft dropped. Times can be
 * shortened for tests with `?idle=3&warn=3` (seconds) or localStorage `wishwall.idle` = "3,3".
 */

export interface IdleTimes {
	idleMs: number;
	warnMs: number;
}

export const DEFAULT_IDLE: IdleTimes = { idleMs: 90_000, warnMs: 30_000 };

function seconds(raw: string | null | undefined): number | null {
	if (!raw) return null;
	const n = Number(raw);
	return Number.isFinite(n) && n > 0 && n <= 3600 ? n * 1000 : null;
}

/** A setting from the page address, read once at start (not reactive on purpose). */
export function queryValue(name: string): string | null {
	// The server draws a kiosk's wall too (its device cookie), with the defaults.
	if (typeof location === 'undefined') return null;
	const match = new RegExp(`[?&]${name}=([^&#]*)`).exec(location.search);
	return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function idleTimes(): IdleTimes {
	const [storedIdle, storedWarn] = (localStorage.getItem('wishwall.idle') ?? '').split(',');
	return {
		idleMs: seconds(queryValue('idle')) ?? seconds(storedIdle) ?? DEFAULT_IDLE.idleMs,
		warnMs: seconds(queryValue('warn')) ?? seconds(storedWarn) ?? DEFAULT_IDLE.warnMs
	};
}

/**
 * Watches taps and keys on the window. `warningLeftMs` is null while the person is active, and
 * counts down once the idle spell is over; `expire` runs when it reaches zero.
 */
export class IdleWatch {
	warningLeftMs = $state<number | null>(null);
	#last = Date.now();
	#times: IdleTimes;
	#paused: () => boolean;
	#expire: () => void;

	constructor(opts: { times: IdleTimes; paused: () => boolean; expire: () => void }) {
		this.#times = opts.times;
		this.#paused = opts.paused;
		this.#expire = opts.expire;
	}

	/** Starts watching; returns the function that stops it (fits an $effect). */
	start(): () => void {
		const touch = () => this.activity();
		const events = ['pointerdown', 'keydown', 'input'] as const;
		for (const e of events) window.addEventListener(e, touch, { capture: true });
		const timer = setInterval(() => this.#tick(), 250);
		return () => {
			clearInterval(timer);
			for (const e of events) window.removeEventListener(e, touch, { capture: true });
		};
	}

	activity(): void {
		this.#last = Date.now();
		this.warningLeftMs = null;
	}

	#tick(): void {
		const now = Date.now();
		// Recording or printing is activity even without a tap: never reset in the middle of it.
		if (this.#paused()) {
			this.activity();
			return;
		}
		const idle = now - this.#last;
		if (idle < this.#times.idleMs) return;
		const left = this.#times.idleMs + this.#times.warnMs - idle;
		if (left <= 0) {
			this.warningLeftMs = null;
			this.#last = now;
			this.#expire();
			return;
		}
		this.warningLeftMs = left;
	}
}
