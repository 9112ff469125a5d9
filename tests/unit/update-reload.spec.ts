import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadWhenIdle } from '../../kiosk/lib/update-reload.ts';

describe('an outdated kiosk reloads itself when nobody is using it', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	function setup() {
		const target = new EventTarget();
		const reload = vi.fn();
		const cancel = reloadWhenIdle({
			idleMs: 120_000,
			checkEveryMs: 15_000,
			now: () => Date.now(),
			reload,
			target
		});
		return { target, reload, cancel };
	}

	it('waits until the screen has been left alone for the whole idle time, then reloads once', () => {
		const { reload } = setup();
		vi.advanceTimersByTime(105_000);
		expect(reload).not.toHaveBeenCalled();
		vi.advanceTimersByTime(15_000);
		expect(reload).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(600_000);
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('does not reload while a resident keeps touching the screen', () => {
		const { target, reload } = setup();
		for (let i = 0; i < 10; i++) {
			vi.advanceTimersByTime(60_000);
			target.dispatchEvent(new Event(i % 2 ? 'keydown' : 'pointerdown'));
		}
		expect(reload).not.toHaveBeenCalled();
		vi.advanceTimersByTime(135_000);
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('never reloads once cancelled (the session closed)', () => {
		const { reload, cancel } = setup();
		cancel();
		vi.advanceTimersByTime(600_000);
		expect(reload).not.toHaveBeenCalled();
	});
});
