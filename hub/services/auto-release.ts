/**
 * A claim nobody moves on goes back to the wall: a wish claimed (or contacted) by a member with no
 * progress for `afterMs` (default 72 h) is released and flagged for the desk. Both are events in
 * the log, written and broadcast in one transaction by act(). Work already started (进行中) is
 * left alone: that is the desk's to chase.
 */
import { ErrorCode } from '../../shared/errors.ts';
import type { Store } from '../store/store.ts';

import type { WishService } from './wishes/service.ts';

export interface AutoReleaseTuning {
	/** No progress for this long releases the claim. */
	afterMs: number;
	/** How often to look. */
	everyMs: number;
}

export const DEFAULT_AUTO_RELEASE: AutoReleaseTuning = {
	afterMs: 72 * 3600_000,
	everyMs: 5 * 60_000
};

export const AUTO_RELEASE_ACTOR = 'system:auto-release';
export const FLAGGED_EVENT = 'wish:flagged';

const STALE_STATUSES = ['claimed', 'contacted'] as const;

export function createAutoRelease(opts: {
	store: Store;
	wishes: WishService;
	now?: () => number;
	tuning?: Partial<AutoReleaseTuning>;
}) {
	const { store, wishes } = opts;
	const now = opts.now ?? Date.now;
	const tuning = { ...DEFAULT_AUTO_RELEASE, ...opts.tuning };
	let timer: ReturnType<typeof setInterval> | null = null;
	let running: Promise<number> | null = null;

	async function sweep(): Promise<number> {
		const cutoff = now() - tuning.afterMs;
		const stale = await store.wishes.staleMemberClaims(STALE_STATUSES, cutoff);
		let released = 0;
		for (const w of stale) {
			const data = {
				auto: true,
				reason: 'no_progress',
				memberId: w.member_id,
				idleHours: Math.round(((now() - w.updated_at) / 3600_000) * 10) / 10
			};
			const r = await wishes.act({
				wishId: w.id,
				action: 'release',
				actor: AUTO_RELEASE_ACTOR,
				data,
				// The member may have moved it on since the query: then it is not stale any more.
				guard: async (_tx, row) =>
					row.member_id === w.member_id && row.updated_at === w.updated_at
						? null
						: { error: ErrorCode.conflict, message: 'progress was made meanwhile' },
				patch: { member_id: null },
				async after(tx, seq) {
					await tx.notes.insertDeskFlag({
						wishId: w.id,
						reason: 'auto_released',
						data,
						seq,
						at: now()
					});
					return [{ type: FLAGGED_EVENT, data: { flag: 'auto_released', ...data } }];
				}
			});
			if (r.ok) released += 1;
		}
		return released;
	}

	/** One pass now; resolves with how many claims were released. */
	function runOnce(): Promise<number> {
		running ??= sweep().finally(() => {
			running = null;
		});
		return running;
	}

	return {
		tuning,
		runOnce,
		start(): void {
			if (timer) return;
			timer = setInterval(() => {
				runOnce().catch((err: unknown) => console.error('auto-release failed', err));
			}, tuning.everyMs);
			timer.unref();
		},
		/** Stops the timer and waits for a pass in flight. */
		async stop(): Promise<void> {
			if (timer) clearInterval(timer);
			timer = null;
			await running?.catch(() => undefined);
		}
	};
}

export type AutoRelease = ReturnType<typeof createAutoRelease>;
