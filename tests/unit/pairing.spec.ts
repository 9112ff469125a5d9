import { describe, expect, it } from 'vitest';
import { pairingFigures } from '../../shared/domain/figures.ts';
import { inThisMonth, monthIndex, monthStart, visitState } from '../../shared/domain/pairing.ts';

/** An instant given as Shanghai wall-clock time ("2024-03-01 00:30"). */
const sh = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const DAY = 86400_000;

describe('the Shanghai calendar month', () => {
	it('puts 23:30 UTC on the last of a month into the next Shanghai month', () => {
		// 2024-02-29 23:30 UTC is 1 March 07:30 in Shanghai.
		expect(monthIndex(Date.UTC(2024, 1, 29, 23, 30))).toBe(2024 * 12 + 2);
		expect(monthStart(2024 * 12 + 2)).toBe(sh('2024-03-01 00:00'));
		expect(monthStart(2024 * 12 + 12)).toBe(sh('2025-01-01 00:00'));
		expect(inThisMonth(sh('2024-02-29 23:59'), sh('2024-03-01 00:00'))).toBe(false);
		expect(inThisMonth(sh('2024-03-01 00:00'), sh('2024-03-31 23:59'))).toBe(true);
	});
});

describe('visit cadence (at least once a calendar month)', () => {
	const monthly = { cadence: null, pairedAt: sh('2024-01-10 09:00') };

	it('is done for the month once visited in it, whatever the day', () => {
		const s = visitState(
			{ ...monthly, lastVisitAt: sh('2024-03-01 00:05') },
			sh('2024-03-31 23:00')
		);
		expect(s).toMatchObject({ due: false, overdue: false });
	});

	it('is due but not overdue on the 1st when last month had a visit', () => {
		const s = visitState(
			{ ...monthly, lastVisitAt: sh('2024-02-29 23:59') },
			sh('2024-03-01 00:01')
		);
		expect(s).toMatchObject({ due: true, overdue: false });
		expect(s.dueAt).toBe(sh('2024-04-01 00:00') - 1);
	});

	it('is overdue once a whole month of the pairing passed without a visit', () => {
		// Last visit in January; February had none; now early March.
		const s = visitState(
			{ ...monthly, lastVisitAt: sh('2024-01-31 12:00') },
			sh('2024-03-02 08:00')
		);
		expect(s).toMatchObject({ due: true, overdue: true });
	});

	it('is not overdue for a pairing that began during last month', () => {
		const s = visitState(
			{ cadence: null, pairedAt: sh('2024-02-15 10:00'), lastVisitAt: null },
			sh('2024-03-05 10:00')
		);
		expect(s).toMatchObject({ due: true, overdue: false });
		// …but is a month later, with still no visit.
		expect(
			visitState(
				{ cadence: null, pairedAt: sh('2024-02-15 10:00'), lastVisitAt: null },
				sh('2024-04-01 00:00')
			)
		).toMatchObject({ overdue: true });
	});

	it('counts a pairing that began at the very start of last month as a whole month', () => {
		const s = visitState(
			{ cadence: null, pairedAt: sh('2024-02-01 00:00'), lastVisitAt: null },
			sh('2024-03-01 00:00')
		);
		expect(s.overdue).toBe(true);
	});
});

describe('visit cadence (every N days)', () => {
	it('is due by the last visit + N days, overdue after', () => {
		const base = {
			cadence: 14,
			pairedAt: sh('2024-01-01 09:00'),
			lastVisitAt: sh('2024-03-01 09:00')
		};
		expect(visitState(base, sh('2024-03-15 09:00'))).toMatchObject({
			overdue: false,
			dueAt: sh('2024-03-15 09:00')
		});
		expect(visitState(base, sh('2024-03-15 09:01')).overdue).toBe(true);
		// Never visited: counted from the pairing.
		expect(visitState({ ...base, lastVisitAt: null }, base.pairedAt + 14 * DAY + 1).overdue).toBe(
			true
		);
	});
});

describe('pairing figures', () => {
	it('computes the shares, visits per member, household wishes and income change by hand', () => {
		const now = sh('2024-03-20 12:00');
		const f = pairingFigures(
			{
				households: [
					{ id: 1, pairing: { memberId: 7 }, lastVisitAt: sh('2024-03-02 10:00') },
					{ id: 2, pairing: { memberId: 7 }, lastVisitAt: sh('2024-02-28 10:00') },
					{ id: 3, pairing: { memberId: 8 }, lastVisitAt: null },
					{ id: 4, pairing: null, lastVisitAt: null }
				],
				wishes: [{ status: 'resolved' }, { status: 'closed' }, { status: 'open' }],
				incomes: [
					{ household_id: 1, year: 2023, yuan: 12000 },
					{ household_id: 1, year: 2025, yuan: 20000 },
					{ household_id: 1, year: 2024, yuan: 15000 },
					{ household_id: 2, year: 2024, yuan: 9000 },
					{ household_id: 3, year: 2024, yuan: 10000 },
					{ household_id: 3, year: 2025, yuan: 9000 }
				],
				visitsThisMonth: 5
			},
			now
		);
		// 3 of 4 paired; of the 3, only #1 was visited in March; 2 members hold pairings.
		expect(f).toMatchObject({
			households: 4,
			paired: 3,
			pairedShare: 3 / 4,
			visitedThisMonth: 1,
			visitedShare: 1 / 3,
			members: 2,
			visitsThisMonth: 5,
			visitsPerMember: 2.5,
			householdWishes: 3,
			householdWishesResolved: 2
		});
		// #1: 2023 → 2025 = +8,000; #3: 2024 → 2025 = −1,000; #2 has one year only. Mean +3,500.
		expect(f.incomeChanges).toEqual([
			{ householdId: 1, fromYear: 2023, toYear: 2025, change: 8000 },
			{ householdId: 3, fromYear: 2024, toYear: 2025, change: -1000 }
		]);
		expect(f.incomeChangeMean).toBe(3500);
	});

	it('gives no share rather than 0 % or 100 % when there is nothing to divide by', () => {
		const f = pairingFigures({ households: [], wishes: [], incomes: [] }, Date.now());
		expect(f).toMatchObject({
			pairedShare: null,
			visitedShare: null,
			visitsPerMember: null,
			incomeChangeMean: null
		});
	});
});
