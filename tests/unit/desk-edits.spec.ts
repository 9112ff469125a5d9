import { describe, expect, it } from 'vitest';
import {
	applyAction,
	eventTypeOf,
	isEditAction,
	WISH_STATUSES,
	type WishStatus
} from '../../shared/domain/wish.ts';

describe('desk edits in the state machine', () => {
	it('keeps the status when the desk sets category and urgency, except on rejected or merged items', () => {
		for (const s of WISH_STATUSES) {
			const r = applyAction(s, 'triage');
			if (s === 'rejected' || s === 'merged') expect(r.ok, s).toBe(false);
			else expect(r, s).toEqual({ ok: true, to: s });
		}
	});

	it('accepts a note in every status without moving it', () => {
		for (const s of WISH_STATUSES) expect(applyAction(s, 'note')).toEqual({ ok: true, to: s });
	});

	it('leaves the state-machine actions exactly as transition() defines them', () => {
		const closed: WishStatus = 'closed';
		expect(applyAction('open', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
		expect(applyAction('dispatched', 'dispatch').ok).toBe(false);
		expect(applyAction(closed, 'reject').ok).toBe(false);
	});

	it('names the events of edits and actions', () => {
		expect(eventTypeOf('triage')).toBe('wish:triaged');
		expect(eventTypeOf('note')).toBe('wish:noted');
		expect(eventTypeOf('dispatch')).toBe('wish:dispatched');
		expect(isEditAction('merge')).toBe(false);
	});

	it('gives the desk back a report the field returned, with findings or handed back, to dispatch again', () => {
		expect(applyAction('dispatched', 'accept')).toEqual({ ok: true, to: 'dispatched' });
		expect(applyAction('dispatched', 'arrive')).toEqual({ ok: true, to: 'contacted' });
		expect(applyAction('contacted', 'report_back')).toEqual({ ok: true, to: 'open' });
		expect(applyAction('in_progress', 'hand_back')).toEqual({ ok: true, to: 'open' });
		expect(applyAction('open', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
		// While a worker stands on site the item stays with their post.
		expect(applyAction('contacted', 'dispatch').ok).toBe(false);
		expect(eventTypeOf('accept')).toBe('wish:accepted');
		expect(eventTypeOf('arrive')).toBe('wish:arrived');
		expect(eventTypeOf('report_back')).toBe('wish:reported');
		expect(eventTypeOf('hand_back')).toBe('wish:handed_back');
	});
});
