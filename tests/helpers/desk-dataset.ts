/**
 * A small hand-made township for the figures: twelve items at two sites in early 2024, with the
 * answers worked out by hand below. The unit tests feed it to shared/domain/figures.ts; the
 * browser test seeds it into a fresh hub and reads the same answers off the figures page.
 *
 * Times are Asia/Shanghai wall-clock times. SLA policy: the defaults (24 h, urgent 2 h).
 */
import type { CategoryId } from '../../shared/domain/categories.ts';
import type { FigureItem } from '../../shared/domain/figures.ts';
import type { WishKind, WishStatus } from '../../shared/domain/wish.ts';

/** "2024-01-01 07:00" in Shanghai → ms since epoch. */
export function sh(local: string): number {
	return Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
}

export interface DatasetItem {
	/** Number used in the hand calculations below. */
	n: number;
	site: 'alpha' | 'beta';
	kind: WishKind;
	category: CategoryId;
	urgent: boolean;
	phone: string;
	received: string;
	/** Steps after submission, in order; the last leaves the item in `status`. */
	steps: {
		action: 'dispatch' | 'claim' | 'resolve' | 'reject' | 'merge';
		at: string;
		into?: number;
	}[];
	rating?: { stars: number; at: string };
	status: WishStatus;
	responded: string | null;
	resolved: string | null;
}

export const DATASET: DatasetItem[] = [
	{
		n: 1,
		site: 'alpha',
		kind: 'report',
		category: 'sanitation',
		urgent: false,
		phone: '13800000001',
		// 2023-12-31 23:00 UTC: a UTC calendar would put it in December.
		received: '2024-01-01 07:00',
		steps: [
			{ action: 'dispatch', at: '2024-01-01 09:00' },
			{ action: 'resolve', at: '2024-01-03 10:00' }
		],
		rating: { stars: 5, at: '2024-01-03 12:00' },
		status: 'closed',
		responded: '2024-01-01 09:00',
		resolved: '2024-01-03 10:00'
	},
	{
		n: 2,
		site: 'alpha',
		kind: 'report',
		category: 'lights',
		urgent: true,
		phone: '13800000002',
		received: '2024-01-15 20:00',
		steps: [
			{ action: 'dispatch', at: '2024-01-15 23:00' },
			{ action: 'resolve', at: '2024-01-16 12:00' }
		],
		rating: { stars: 3, at: '2024-01-16 15:00' },
		status: 'closed',
		responded: '2024-01-15 23:00',
		resolved: '2024-01-16 12:00'
	},
	{
		n: 3,
		site: 'alpha',
		kind: 'wish',
		category: 'care',
		urgent: false,
		phone: '13800000001',
		received: '2024-01-20 08:00',
		steps: [
			{ action: 'claim', at: '2024-01-21 14:00' },
			{ action: 'resolve', at: '2024-01-25 10:00' }
		],
		rating: { stars: 2, at: '2024-01-25 12:00' },
		status: 'reopened',
		responded: '2024-01-21 14:00',
		resolved: '2024-01-25 10:00'
	},
	{
		n: 4,
		site: 'alpha',
		kind: 'report',
		category: 'other',
		urgent: false,
		phone: '',
		received: '2024-01-22 10:00',
		steps: [{ action: 'reject', at: '2024-01-22 11:00' }],
		status: 'rejected',
		responded: null,
		resolved: null
	},
	{
		n: 5,
		site: 'alpha',
		kind: 'wish',
		category: 'education',
		urgent: false,
		phone: '',
		// Received in January, resolved in February: it counts for January.
		received: '2024-01-31 23:30',
		steps: [
			{ action: 'claim', at: '2024-02-01 01:30' },
			{ action: 'resolve', at: '2024-02-03 10:00' }
		],
		status: 'resolved',
		responded: '2024-02-01 01:30',
		resolved: '2024-02-03 10:00'
	},
	{
		n: 6,
		site: 'beta',
		kind: 'report',
		category: 'repair',
		urgent: false,
		phone: '13900000003',
		// 2024-01-31 16:30 UTC: February in Shanghai, January by UTC.
		received: '2024-02-01 00:30',
		steps: [
			{ action: 'dispatch', at: '2024-02-01 10:30' },
			{ action: 'resolve', at: '2024-02-05 10:00' }
		],
		rating: { stars: 3, at: '2024-02-05 12:00' },
		status: 'closed',
		responded: '2024-02-01 10:30',
		resolved: '2024-02-05 10:00'
	},
	{
		n: 7,
		site: 'beta',
		kind: 'wish',
		category: 'care',
		urgent: false,
		phone: '13900000004',
		received: '2024-02-10 10:00',
		steps: [],
		status: 'open',
		responded: null,
		resolved: null
	},
	{
		n: 9,
		site: 'beta',
		kind: 'report',
		category: 'sanitation',
		urgent: false,
		phone: '13900000005',
		received: '2024-02-11 09:00',
		steps: [{ action: 'dispatch', at: '2024-02-12 11:00' }],
		status: 'dispatched',
		responded: '2024-02-12 11:00',
		resolved: null
	},
	{
		n: 8,
		site: 'beta',
		kind: 'report',
		category: 'sanitation',
		urgent: false,
		phone: '13900000006',
		received: '2024-02-12 10:00',
		steps: [{ action: 'merge', at: '2024-02-12 11:30', into: 9 }],
		status: 'merged',
		responded: null,
		resolved: null
	},
	{
		n: 10,
		site: 'beta',
		kind: 'wish',
		category: 'health',
		urgent: false,
		phone: '13900000003',
		received: '2024-02-20 09:00',
		steps: [
			{ action: 'claim', at: '2024-02-20 21:00' },
			{ action: 'resolve', at: '2024-02-22 10:00' }
		],
		rating: { stars: 5, at: '2024-02-22 12:00' },
		status: 'closed',
		responded: '2024-02-20 21:00',
		resolved: '2024-02-22 10:00'
	},
	{
		n: 11,
		site: 'alpha',
		kind: 'wish',
		category: 'farming',
		urgent: false,
		phone: '13800000006',
		received: '2024-02-05 10:00',
		steps: [{ action: 'claim', at: '2024-02-06 11:00' }],
		status: 'claimed',
		responded: '2024-02-06 11:00',
		resolved: null
	},
	{
		n: 12,
		site: 'beta',
		kind: 'report',
		category: 'lights',
		urgent: false,
		phone: '',
		// 2024-02-29 16:05 UTC: outside a range ending 29 February in Shanghai.
		received: '2024-03-01 00:05',
		steps: [],
		status: 'open',
		responded: null,
		resolved: null
	}
];

export const RANGE = { from: '2024-01-01', to: '2024-02-29' };

export function toFigureItem(d: DatasetItem): FigureItem {
	return {
		kind: d.kind,
		category: d.category,
		site: d.site,
		status: d.status,
		urgent: d.urgent,
		receivedAt: sh(d.received),
		respondedAt: d.responded ? sh(d.responded) : null,
		resolvedAt: d.resolved ? sh(d.resolved) : null,
		arrivedAt: null,
		rating: d.rating?.stars ?? null,
		person: d.phone || null
	};
}

const H = 3600_000;

/**
 * The answers, by hand, for RANGE (items 1–11; item 12 falls outside; item 8 is merged).
 *
 * received 10 (1–7, 9–11), rejected 1 (#4), merged 1 (#8); live = 9 (1,2,3,5,6,7,9,10,11).
 * resolved: #1, #2, #5, #6, #10 = 5 (#3 was reopened) → 办结率 5 / (10 − 1) = 55.6 %.
 * response times (h): #1 2, #2 3, #3 30, #5 2, #6 10, #9 26, #10 12, #11 25 → 8 values,
 *   sum 110 → mean 13.75 h; P90 = value of rank ⌈0.9·8⌉ = 8 of [2,2,3,10,12,25,26,30] = 30 h.
 * 响应率: in time #1 (2 ≤ 24), #5, #6, #10 = 4; late #2 (3 > urgent 2), #3, #9, #11, and #7 never
 *   answered = 5 → 4 / 9 = 44.4 %.
 * ratings: 5, 3, 2, 3, 5 (#1, #2, #3, #6, #10) → ≥ 4: 2 → 满意率 2 / 5 = 40 %.
 * micro-wishes: #3, #5, #7, #10, #11 = 5; claimed now #5, #10, #11 = 3 → 认领率 60 %.
 * people served: resolved #1 (…001), #2 (…002), #5 (no phone), #6 and #10 (both …003) → 4.
 */
export const EXPECTED_TOTAL = {
	received: 10,
	rejected: 1,
	merged: 1,
	resolved: 5,
	responded: 8,
	responseMeanMs: 13.75 * H,
	responseP90Ms: 30 * H,
	responseDecided: 9,
	respondedInSla: 4,
	responseRate: 4 / 9,
	completionRate: 5 / 9,
	ratings: 5,
	satisfied: 2,
	satisfaction: 2 / 5,
	wishesPosted: 5,
	wishesClaimed: 3,
	claimRate: 3 / 5,
	peopleServed: 4,
	// Nobody was recorded on site; the one urgent report (#2) passed its 2 hours unreached: missed.
	onsiteArrived: 0,
	onsiteMeanMs: null,
	onsiteP90Ms: null,
	urgentOnsiteDecided: 1,
	urgentOnsiteInTime: 0,
	urgentOnsiteShare: 0
};

/**
 * January: #1–#5 (#5 arrived 23:30 on the 31st). received 5, rejected 1, live 4, resolved #1 #2 #5
 *   = 3 → 75 %; responses 2, 3, 30, 2 → mean 9.25 h, P90 rank ⌈3.6⌉ = 4 → 30 h; in time #1 #5 of
 *   4 → 50 %; ratings 5, 3, 2 → 1 / 3; wishes #3 #5, claimed #5 → 50 %; people …001, …002, #5 → 3.
 * February: #6, #7, #8 (merged), #9, #10, #11. received 5, live 5, resolved #6 #10 → 40 %;
 *   responses 10, 26, 12, 25 → mean 18.25 h, P90 rank 4 → 26 h; in time #6 #10 of 5 → 40 %;
 *   ratings 3, 5 → 50 %; wishes #7 #10 #11, claimed #10 #11 → 2 / 3; people …003 once → 1.
 */
export const EXPECTED_MONTHS = {
	'2024-01': {
		received: 5,
		rejected: 1,
		resolved: 3,
		completionRate: 3 / 4,
		responseMeanMs: 9.25 * H,
		responseP90Ms: 30 * H,
		responseRate: 2 / 4,
		satisfaction: 1 / 3,
		claimRate: 1 / 2,
		peopleServed: 3,
		onsiteArrived: 0,
		onsiteMeanMs: null,
		onsiteP90Ms: null,
		urgentOnsiteDecided: 1,
		urgentOnsiteInTime: 0,
		urgentOnsiteShare: 0
	},
	'2024-02': {
		received: 5,
		rejected: 0,
		resolved: 2,
		completionRate: 2 / 5,
		responseMeanMs: 18.25 * H,
		responseP90Ms: 26 * H,
		responseRate: 2 / 5,
		satisfaction: 1 / 2,
		claimRate: 2 / 3,
		peopleServed: 1,
		onsiteArrived: 0,
		onsiteMeanMs: null,
		onsiteP90Ms: null,
		urgentOnsiteDecided: 0,
		urgentOnsiteInTime: 0,
		urgentOnsiteShare: null
	}
} as const;

/**
 * Per site. alpha: #1–#5, #11: received 6, rejected 1, live 5, resolved 3 → 60 %.
 * beta: #6, #7, #9, #10 (+#8 merged): received 4, resolved 2 → 50 %.
 */
export const EXPECTED_SITES = {
	alpha: { received: 6, rejected: 1, resolved: 3, completionRate: 3 / 5 },
	beta: { received: 4, rejected: 0, resolved: 2, completionRate: 2 / 4 }
} as const;
