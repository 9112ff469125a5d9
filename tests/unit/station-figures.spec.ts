import { describe, expect, it } from 'vitest';
import { activitiesHeld, peopleServedAtSites } from '../../shared/domain/figures.ts';

describe('station figures', () => {
	it('counts an activity date as held only when someone was marked present, once per date', () => {
		expect(
			activitiesHeld([
				{ activityId: 1, date: '2026-05-15', attended: 12 },
				// The same date reported twice (e.g. per site rows) is still one held date.
				{ activityId: 1, date: '2026-05-15', attended: 3 },
				{ activityId: 1, date: '2026-06-15', attended: 0 },
				{ activityId: 2, date: '2026-05-15', attended: 1 },
				{ activityId: 2, date: '2026-05-18', attended: 4 }
			])
		).toBe(3);
		expect(activitiesHeld([])).toBe(0);
	});

	it('adds visits, attendances and resolved wishes into people served', () => {
		expect(peopleServedAtSites({ visits: 40, attendances: 25, resolvedWishes: 7 })).toBe(72);
		expect(peopleServedAtSites({ visits: 0, attendances: 0, resolvedWishes: 0 })).toBe(0);
	});
});
