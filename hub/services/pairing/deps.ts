/**
 * What the pairing use cases share: the store, the wish service (a need found on a visit is
 * submitted through the one write path), the phone accounts, the clock, where photos live, the
 * public address for door cards, and the desks to tell of a new visit.
 */
import type { Store } from '../../store/store.ts';
import type { HouseholdRow } from '../../store/households.ts';
import type { HouseholdSummary } from '../../../shared/schemas/pairing.ts';
import type { HouseholdTag } from '../../../shared/domain/pairing.ts';
import { visitState } from '../../../shared/domain/pairing.ts';
import type { MemberService } from '../members.ts';
import type { WishService } from '../wishes/service.ts';

export interface PairingOptions {
	store: Store;
	wishes: WishService;
	members: MemberService;
	dataDir: string;
	publicUrl: () => string;
	now?: () => number;
	/** Tells the desks a visit was logged (they read coverage again). */
	visited?: (change: { householdId: number; siteSlug: string }) => void;
}

export interface PairingDeps extends Required<Omit<PairingOptions, 'visited' | 'now'>> {
	now: () => number;
	visited: (change: { householdId: number; siteSlug: string }) => void;
}

export function pairingDeps(opts: PairingOptions): PairingDeps {
	return {
		...opts,
		now: opts.now ?? Date.now,
		visited: opts.visited ?? (() => undefined)
	};
}

/** A JSON array column (tags, visit kinds) as its list; anything else reads as empty. */
export function jsonList<T extends string>(json: string): T[] {
	try {
		const list: unknown = JSON.parse(json);
		return Array.isArray(list) ? (list as T[]) : [];
	} catch {
		return [];
	}
}

/** A household as lists show it, with its pairing and whether a visit is due (pairing.ts). */
export function toSummary(row: HouseholdRow, now: number): HouseholdSummary {
	const paired = row.pairing_id !== null && row.member_id !== null && row.paired_at !== null;
	const state = paired
		? visitState(
				{ pairedAt: row.paired_at!, lastVisitAt: row.last_visit_at, cadence: row.cadence_days },
				now
			)
		: null;
	return {
		id: row.id,
		siteSlug: row.site_slug,
		village: row.village,
		headName: row.head_name,
		tags: jsonList<HouseholdTag>(row.tags),
		people: row.people,
		active: row.active === 1,
		pairing: paired
			? {
					id: row.pairing_id!,
					memberId: row.member_id!,
					memberNo: row.member_no ?? '',
					memberName: row.member_name ?? '',
					since: row.paired_at!,
					aim: row.aim ?? '',
					cadenceDays: row.cadence_days
				}
			: null,
		lastVisitAt: row.last_visit_at,
		due: state?.due ?? false,
		overdue: state?.overdue ?? false
	};
}
