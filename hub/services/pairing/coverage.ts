/** The desk at a glance: this month's coverage per village, the overdue list, visits per member. */
import { inThisMonth, monthIndex, monthStart } from '../../../shared/domain/pairing.ts';
import { pairingFigures } from '../../../shared/domain/figures.ts';
import type { Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { PairingCoverage } from '../../../shared/schemas/pairing.ts';
import { requireRole } from '../staff/roles.ts';
import { toSummary, type PairingDeps } from './deps.ts';

export async function coverage(
	d: PairingDeps,
	by: StaffPrincipal
): Promise<Outcome<PairingCoverage>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const now = d.now();
	const month = monthIndex(now);
	return d.store.transaction(async (tx) => {
		const all = (await tx.households.listHouseholds()).map((r) => toSummary(r, now));
		const villages = new Map<string, PairingCoverage['villages'][number]>();
		for (const h of all) {
			const v = villages.get(h.siteSlug) ?? {
				siteSlug: h.siteSlug,
				village: h.village,
				households: 0,
				paired: 0,
				visited: 0
			};
			v.households += 1;
			if (h.pairing) v.paired += 1;
			if (h.pairing && inThisMonth(h.lastVisitAt, now)) v.visited += 1;
			villages.set(h.siteSlug, v);
		}
		const counts = new Map(
			(await tx.households.visitCounts(monthStart(month), monthStart(month + 1))).map((c) => [
				c.member_id,
				c.n
			])
		);
		const members = new Map<number, PairingCoverage['members'][number]>();
		for (const h of all) {
			if (!h.pairing) continue;
			const m = members.get(h.pairing.memberId) ?? {
				memberNo: h.pairing.memberNo,
				name: h.pairing.memberName,
				households: 0,
				visitsThisMonth: counts.get(h.pairing.memberId) ?? 0
			};
			m.households += 1;
			members.set(h.pairing.memberId, m);
		}
		const wishes = await tx.households.householdWishes();
		const f = pairingFigures(
			{ households: all, wishes, incomes: await tx.households.incomes() },
			now
		);
		return {
			ok: true,
			value: {
				villages: [...villages.values()],
				overdue: all.filter((h) => h.overdue),
				members: [...members.values()].sort((a, b) => a.memberNo.localeCompare(b.memberNo)),
				wishes: { total: f.householdWishes, resolved: f.householdWishesResolved }
			}
		};
	});
}
