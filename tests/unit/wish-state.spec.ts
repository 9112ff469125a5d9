import { describe, expect, it } from 'vitest';
import {
	canTransition,
	ratingAction,
	transition,
	WISH_ACTIONS,
	WISH_STATUSES,
	type WishAction,
	type WishStatus
} from '../../shared/domain/wish.ts';

/**
 * The expected state machine, written out by hand from the product's loop (claim / dispatch,
 * member progress, rating, desk reject / merge). Every pair not listed here must be refused.
 */
const EXPECTED: Record<WishStatus, Partial<Record<WishAction, WishStatus>>> = {
	open: { claim: 'claimed', dispatch: 'dispatched', reject: 'rejected', merge: 'merged' },
	claimed: {
		release: 'open',
		contact: 'contacted',
		start: 'in_progress',
		resolve: 'resolved',
		reject: 'rejected'
	},
	dispatched: {
		release: 'open',
		contact: 'contacted',
		start: 'in_progress',
		resolve: 'resolved',
		reject: 'rejected',
		merge: 'merged',
		// The field chain: a worker of the post takes it (it stays dispatched), stands on site, or
		// hands it back to the desk.
		accept: 'dispatched',
		arrive: 'contacted',
		hand_back: 'open'
	},
	contacted: {
		release: 'open',
		start: 'in_progress',
		resolve: 'resolved',
		report_back: 'open',
		hand_back: 'open'
	},
	in_progress: { release: 'open', resolve: 'resolved', report_back: 'open', hand_back: 'open' },
	resolved: { rate_good: 'closed', rate_poor: 'reopened' },
	closed: { rate_good: 'closed', rate_poor: 'reopened' },
	reopened: { claim: 'claimed', dispatch: 'dispatched', reject: 'rejected', merge: 'merged' },
	rejected: {},
	merged: {}
};

const ALL_STATUSES: WishStatus[] = [
	'open',
	'claimed',
	'dispatched',
	'contacted',
	'in_progress',
	'resolved',
	'closed',
	'reopened',
	'rejected',
	'merged'
];
const ALL_ACTIONS: WishAction[] = [
	'claim',
	'dispatch',
	'release',
	'contact',
	'start',
	'resolve',
	'rate_good',
	'rate_poor',
	'reject',
	'merge',
	'accept',
	'arrive',
	'report_back',
	'hand_back'
];

const pairs = ALL_STATUSES.flatMap((status) =>
	ALL_ACTIONS.map((action) => ({ status, action, to: EXPECTED[status][action] ?? null }))
);

describe('wish state machine', () => {
	it('knows exactly the statuses and actions this table covers', () => {
		expect([...WISH_STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
		expect([...WISH_ACTIONS].sort()).toEqual([...ALL_ACTIONS].sort());
	});

	it.each(pairs.filter((p) => p.to !== null))(
		'allows $action on a $status wish and moves it to $to',
		({ status, action, to }) => {
			expect(transition(status, action)).toEqual({ ok: true, to });
			expect(canTransition(status, action)).toBe(true);
		}
	);

	it.each(pairs.filter((p) => p.to === null))(
		'refuses $action on a $status wish as a forbidden transition',
		({ status, action }) => {
			expect(transition(status, action)).toEqual({ ok: false, reason: 'forbidden_transition' });
			expect(canTransition(status, action)).toBe(false);
		}
	);

	it('lets nothing move a rejected or merged wish', () => {
		for (const status of ['rejected', 'merged'] as const) {
			expect(ALL_ACTIONS.filter((a) => canTransition(status, a))).toEqual([]);
		}
	});

	it('turns one and two stars into a poor rating that reopens, three to five into a good one', () => {
		expect([1, 2, 3, 4, 5].map(ratingAction)).toEqual([
			'rate_poor',
			'rate_poor',
			'rate_good',
			'rate_good',
			'rate_good'
		]);
	});
});
