import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { mayMove, needFigures, type NeedFigureRow } from '../../shared/domain/needs.ts';
import {
	KioskSuggestSchema,
	MeetingInputSchema,
	NeedAdoptSchema,
	NeedMergeSchema
} from '../../shared/schemas/needs.ts';

const H = 3_600_000;

describe('need moves', () => {
	it('allow only the desk moves the life of a need has', () => {
		expect(mayMove('adopt', 'collecting')).toBe(true);
		expect(mayMove('adopt', 'declined')).toBe(true);
		expect(mayMove('adopt', 'done')).toBe(false);
		expect(mayMove('start', 'collecting')).toBe(false);
		expect(mayMove('finish', 'adopted')).toBe(true);
		expect(mayMove('finish', 'done')).toBe(false);
		expect(mayMove('decline', 'in_progress')).toBe(false);
		expect(mayMove('merge', 'done')).toBe(false);
		expect(mayMove('merge', 'merged')).toBe(false);
	});
});

describe('needFigures', () => {
	const row = (r: Partial<NeedFigureRow>): NeedFigureRow => ({
		siteSlug: 's',
		theme: 'venue',
		state: 'collecting',
		asked: 1,
		firstAskedAt: 0,
		adoptedAt: null,
		doneAt: null,
		...r
	});

	it('leaves merged needs out and takes medians of hours', () => {
		const f = needFigures([
			row({ asked: 5, state: 'done', adoptedAt: 10 * H, doneAt: 30 * H }),
			row({ asked: 2, state: 'in_progress', adoptedAt: 20 * H }),
			row({ asked: 3, state: 'adopted', adoptedAt: 60 * H }),
			row({ asked: 4, state: 'declined' }),
			row({ asked: 9, state: 'merged' })
		]);
		expect(f).toEqual({
			collected: 4,
			asked: 14,
			adopted: 3,
			done: 1,
			declined: 1,
			adoptedShare: 0.75,
			doneShare: 0.25,
			hoursToAdoptP50: 20,
			hoursToDoneP50: 30
		});
	});

	it('says nothing rather than zero when there is nothing', () => {
		expect(needFigures([])).toMatchObject({ adoptedShare: null, hoursToAdoptP50: null });
	});
});

describe('needs schemas', () => {
	const id = '0190f3a0-0000-7000-8000-000000000000';

	it('take a suggestion with words, a voice, or both, never neither', () => {
		const voice = { durationMs: 3000, mime: 'audio/webm' };
		expect(v.is(KioskSuggestSchema, { id, theme: 'care', text: '想要', voice: null })).toBe(true);
		expect(v.is(KioskSuggestSchema, { id, theme: 'care', text: '', voice })).toBe(true);
		expect(v.is(KioskSuggestSchema, { id, theme: 'care', text: '  ', voice: null })).toBe(false);
		expect(v.is(KioskSuggestSchema, { id, theme: 'care', text: 'x\u202e', voice: null })).toBe(
			false
		);
		expect(v.is(KioskSuggestSchema, { id, theme: 'other!', text: '想要', voice: null })).toBe(
			false
		);
	});

	it('refuse a meeting suggestion raised by more people than attended', () => {
		const m = {
			siteSlug: 'erju',
			heldOn: '2026-11-20',
			title: '座谈会',
			attendees: 4,
			suggestions: [{ theme: 'venue', text: '暖和一点', people: 5, needId: null }]
		};
		const r = v.safeParse(MeetingInputSchema, m);
		expect(r.success).toBe(false);
		expect(r.issues?.[0]?.message).toBe('more_people_than_attendees');
		m.suggestions[0]!.people = 4;
		expect(v.is(MeetingInputSchema, m)).toBe(true);
		expect(v.is(MeetingInputSchema, { ...m, suggestions: [] })).toBe(false);
	});

	it('refuse a bad month and a merge into itself', () => {
		const adopt = { needId: 1, plan: '做起来', owner: '村委会', targetMonth: '2027-13' };
		expect(v.is(NeedAdoptSchema, adopt)).toBe(false);
		expect(v.is(NeedAdoptSchema, { ...adopt, targetMonth: '2027-02' })).toBe(true);
		expect(v.is(NeedMergeSchema, { needId: 3, intoId: 3 })).toBe(false);
	});
});
