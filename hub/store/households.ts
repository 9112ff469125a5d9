/** 结对帮扶: households, their pairings, the members' visits and the visits' photos. */
import type { PhotoMime } from './photos.ts';

export interface HouseholdRow {
	id: number;
	site_id: number;
	site_slug: string;
	village: string;
	head_name: string;
	address: string;
	phone: string;
	people: number;
	/** JSON array. */
	tags: string;
	notes: string;
	door_code: string;
	active: number;
	/** The live pairing, joined in (null columns when unpaired). */
	pairing_id: number | null;
	member_id: number | null;
	member_no: string | null;
	member_name: string | null;
	member_phone: string | null;
	paired_at: number | null;
	aim: string | null;
	cadence_days: number | null;
	/** The last visit of the live pairing. */
	last_visit_at: number | null;
}

export interface NewHousehold {
	siteId: number;
	headName: string;
	address: string;
	phone: string;
	people: number;
	tags: string[];
	notes: string;
	doorCode: string;
}

export interface PairingRow {
	id: number;
	household_id: number;
	member_id: number;
	member_name: string;
	started_at: number;
	aim: string;
	cadence_days: number | null;
	ended_at: number | null;
	end_reason: string | null;
}

export interface VisitRow {
	id: number;
	household_id: number;
	member_id: number;
	member_name: string;
	at: number;
	kinds: string;
	note: string;
	by_card: number;
	/** Comma-separated photo ids and wish ids (joined in). */
	photo_ids: string | null;
	wish_ids: string | null;
}

export interface VisitPhotoRow {
	id: string;
	household_id: number;
	member_id: number;
	mime: PhotoMime;
	bytes: number;
	file: string;
	created_at: number;
	visit_id: number | null;
}

export interface HouseholdsRepo {
	insertHousehold(h: NewHousehold, at: number): Promise<number>;
	updateHousehold(id: number, h: Omit<NewHousehold, 'doorCode'>, at: number): Promise<boolean>;
	householdById(id: number): Promise<HouseholdRow | undefined>;
	householdByDoorCode(code: string): Promise<HouseholdRow | undefined>;
	/** Every active household with its live pairing, by village then name. */
	listHouseholds(): Promise<HouseholdRow[]>;
	/** Households whose live pairing is with this member. */
	memberHouseholds(memberId: number): Promise<HouseholdRow[]>;
	setIncome(householdId: number, year: number, yuan: number): Promise<void>;
	incomes(householdId?: number): Promise<{ household_id: number; year: number; yuan: number }[]>;

	insertPairing(p: {
		householdId: number;
		memberId: number;
		aim: string;
		cadenceDays: number | null;
		at: number;
	}): Promise<number>;
	pairingById(id: number): Promise<PairingRow | undefined>;
	pairingsOf(householdId: number): Promise<PairingRow[]>;
	endPairing(id: number, reason: string, at: number): Promise<boolean>;

	insertVisit(v: {
		householdId: number;
		pairingId: number | null;
		memberId: number;
		at: number;
		kinds: string[];
		note: string;
		byCard: boolean;
	}): Promise<number>;
	visitsOf(householdId: number): Promise<VisitRow[]>;
	/** Visits per member in [start, end). */
	visitCounts(start: number, end: number): Promise<{ member_id: number; n: number }[]>;

	insertVisitPhoto(p: Omit<VisitPhotoRow, 'visit_id'>): Promise<void>;
	visitPhotoById(id: string): Promise<VisitPhotoRow | undefined>;
	attachVisitPhoto(id: string, visitId: number): Promise<void>;
	/** Visit photos no visit took, uploaded before `cutoff` (the orphan sweep deletes them). */
	unattachedVisitPhotosBefore(cutoff: number): Promise<VisitPhotoRow[]>;
	deleteVisitPhoto(id: string): Promise<void>;

	/** Links a wish to the household it was found at, and to the visit that found it. */
	linkWish(wishId: string, householdId: number, visitId: number): Promise<void>;
	householdWishes(householdId?: number): Promise<
		{
			id: string;
			household_id: number;
			ticket_no: string;
			kind: 'wish' | 'report';
			text: string;
			status: string;
			received_at: number;
		}[]
	>;
}
