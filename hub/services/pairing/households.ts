/** The desk's households: list, one household's page, create and edit, income, CSV import, door card. */
import { newCode } from '../../../shared/domain/codes.ts';
import { inThisMonth, type HouseholdTag, type VisitKind } from '../../../shared/domain/pairing.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type {
	HouseholdDetail,
	HouseholdInput,
	HouseholdSummary,
	Income
} from '../../../shared/schemas/pairing.ts';
import type { Repos } from '../../store/store.ts';
import { auditedChange } from '../staff/audited.ts';
import { requireRole } from '../staff/roles.ts';
import { jsonList, toSummary, type PairingDeps } from './deps.ts';

export interface HouseholdFilter {
	site?: string;
	tag?: HouseholdTag;
	paired?: boolean;
	overdue?: boolean;
	visitedThisMonth?: boolean;
}

export async function households(
	d: PairingDeps,
	by: StaffPrincipal,
	filter: HouseholdFilter = {}
): Promise<Outcome<HouseholdSummary[]>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const now = d.now();
	const all = (await d.store.households.listHouseholds()).map((r) => toSummary(r, now));
	return {
		ok: true,
		value: all.filter(
			(h) =>
				(filter.site === undefined || h.siteSlug === filter.site) &&
				(filter.tag === undefined || h.tags.includes(filter.tag)) &&
				(filter.paired === undefined || (h.pairing !== null) === filter.paired) &&
				(filter.overdue === undefined || h.overdue === filter.overdue) &&
				(filter.visitedThisMonth === undefined ||
					inThisMonth(h.lastVisitAt, now) === filter.visitedThisMonth)
		)
	};
}

/** Everything the household's page shows; for staff (and, through visits.ts, its paired member). */
export async function detailOf(
	d: PairingDeps,
	q: Repos,
	id: number
): Promise<HouseholdDetail | null> {
	const row = await q.households.householdById(id);
	if (!row) return null;
	const visits = await q.households.visitsOf(id);
	return {
		...toSummary(row, d.now()),
		address: row.address,
		phone: row.phone,
		notes: row.notes,
		doorCode: row.door_code,
		pairings: (await q.households.pairingsOf(id)).map((p) => ({
			id: p.id,
			memberName: p.member_name,
			since: p.started_at,
			endedAt: p.ended_at,
			endReason: p.end_reason,
			aim: p.aim
		})),
		visits: visits.map((v) => ({
			id: v.id,
			at: v.at,
			memberName: v.member_name,
			kinds: jsonList<VisitKind>(v.kinds),
			note: v.note,
			byCard: v.by_card === 1,
			photoIds: v.photo_ids ? v.photo_ids.split(',') : [],
			wishIds: v.wish_ids ? v.wish_ids.split(',') : []
		})),
		wishes: (await q.households.householdWishes(id)).map((w) => ({
			id: w.id,
			ticketNo: w.ticket_no,
			kind: w.kind,
			text: w.text,
			status: w.status as HouseholdDetail['wishes'][number]['status'],
			receivedAt: w.received_at
		})),
		incomes: (await q.households.incomes(id)).map(({ year, yuan }) => ({ year, yuan }))
	};
}

export async function household(
	d: PairingDeps,
	by: StaffPrincipal,
	id: number
): Promise<Outcome<HouseholdDetail>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const detail = await detailOf(d, d.store, id);
	return detail
		? { ok: true, value: detail }
		: { ok: false, error: ErrorCode.notFound, message: 'no_such_household' };
}

async function siteIdOf(tx: Repos, slug: string): Promise<number | null> {
	return (await tx.sites.siteBySlug(slug))?.id ?? null;
}

const fieldsOf = (input: HouseholdInput, siteId: number) => ({
	siteId,
	headName: input.headName,
	address: input.address,
	phone: input.phone,
	people: input.people,
	tags: [...new Set(input.tags)],
	notes: input.notes
});

export function createHousehold(d: PairingDeps, by: StaffPrincipal, input: HouseholdInput) {
	return auditedChange(d, by, 'dispatcher', async (tx, at) => {
		const siteId = await siteIdOf(tx, input.siteSlug);
		if (siteId === null) return { ok: false, error: ErrorCode.notFound, message: 'unknown_site' };
		const id = await tx.households.insertHousehold(
			{ ...fieldsOf(input, siteId), doorCode: newCode() },
			at
		);
		return {
			ok: true,
			value: { id },
			audit: {
				action: 'household.create',
				targetType: 'household',
				targetId: id,
				before: null,
				after: input
			}
		};
	});
}

export function updateHousehold(
	d: PairingDeps,
	by: StaffPrincipal,
	id: number,
	input: HouseholdInput
) {
	return auditedChange(d, by, 'dispatcher', async (tx, at) => {
		const before = await tx.households.householdById(id);
		if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no_such_household' };
		const siteId = await siteIdOf(tx, input.siteSlug);
		if (siteId === null) return { ok: false, error: ErrorCode.notFound, message: 'unknown_site' };
		await tx.households.updateHousehold(id, fieldsOf(input, siteId), at);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'household.update',
				targetType: 'household',
				targetId: id,
				before: { headName: before.head_name, address: before.address, phone: before.phone },
				after: input
			}
		};
	});
}

export function setIncome(d: PairingDeps, by: StaffPrincipal, input: Income) {
	return auditedChange(d, by, 'dispatcher', async (tx) => {
		if (!(await tx.households.householdById(input.householdId))) {
			return { ok: false, error: ErrorCode.notFound, message: 'no_such_household' };
		}
		await tx.households.setIncome(input.householdId, input.year, input.yuan);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'household.income',
				targetType: 'household',
				targetId: input.householdId,
				before: null,
				after: input
			}
		};
	});
}

/**
 * Adds the rows of a CSV in one transaction; a row naming an unknown site is reported by its line
 * and nothing of it is written (lines the page could not read never come here).
 */
export function importHouseholds(
	d: PairingDeps,
	by: StaffPrincipal,
	rows: { line: number; household: HouseholdInput }[]
) {
	return auditedChange(d, by, 'dispatcher', async (tx, at) => {
		const errors: { line: number; reason: string }[] = [];
		let added = 0;
		for (const { line, household: h } of rows) {
			const siteId = await siteIdOf(tx, h.siteSlug);
			if (siteId === null) {
				errors.push({ line, reason: 'unknown_site' });
				continue;
			}
			await tx.households.insertHousehold({ ...fieldsOf(h, siteId), doorCode: newCode() }, at);
			added += 1;
		}
		return {
			ok: true,
			value: { added, errors },
			audit: {
				action: 'household.import',
				targetType: 'household',
				targetId: 'csv',
				before: null,
				after: { added, failedLines: errors.map((e) => e.line) }
			}
		};
	});
}

/** What the household's A6 door card prints: its address for the QR, and whom to call. */
export async function doorCard(d: PairingDeps, by: StaffPrincipal, householdId: number) {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const row = await d.store.households.householdById(householdId);
	if (!row) return { ok: false as const, error: ErrorCode.notFound, message: 'no_such_household' };
	return {
		ok: true as const,
		value: {
			doorCode: row.door_code,
			url: `${d.publicUrl()}/h/${row.door_code}`,
			headName: row.head_name,
			village: row.village,
			memberName: row.member_name,
			memberPhone: row.member_phone
		}
	};
}
