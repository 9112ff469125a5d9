/**
 * 结对帮扶 (DESIGN.md §12): households, their pairing with a party member, the member's visits,
 * and the desk's coverage. Form fields arrive as strings; pages turn them into these shapes and the
 * hub checks them again. Household details are for staff and the paired member only.
 */
import * as v from 'valibot';
import {
	HOUSEHOLD_TAGS,
	VISIT_KINDS,
	type HouseholdTag,
	type VisitKind
} from '../domain/pairing.ts';
import { SiteSlugSchema } from './desk.ts';
import { MemberNoSchema, PhotoIdSchema } from './members.ts';
import {
	CategorySchema,
	CodeSchema,
	ContactPhoneSchema,
	KindSchema,
	MAX_TEXT,
	SAFE_TEXT,
	WishTextSchema,
	type StatusSchema
} from './wishes.ts';

const Text = (max: number, min = 0) =>
	v.pipe(
		v.string('bad_text'),
		v.trim(),
		v.minLength(min, 'required'),
		v.maxLength(max, 'too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	);

const RowId = v.pipe(v.number('bad_id'), v.integer('bad_id'), v.minValue(1, 'bad_id'));

export const HouseholdInputSchema = v.strictObject({
	siteSlug: SiteSlugSchema,
	headName: Text(20, 1),
	address: Text(80),
	phone: ContactPhoneSchema,
	people: v.pipe(
		v.number('bad_people'),
		v.integer('bad_people'),
		v.minValue(1, 'bad_people'),
		v.maxValue(30, 'bad_people')
	),
	tags: v.pipe(v.array(v.picklist(HOUSEHOLD_TAGS, 'bad_tag')), v.maxLength(HOUSEHOLD_TAGS.length)),
	notes: Text(MAX_TEXT)
});
export type HouseholdInput = v.InferOutput<typeof HouseholdInputSchema>;

/** A yearly income figure (yuan), for the township's before/after. */
export const IncomeSchema = v.strictObject({
	householdId: RowId,
	year: v.pipe(
		v.number('bad_year'),
		v.integer('bad_year'),
		v.minValue(2000, 'bad_year'),
		v.maxValue(2100, 'bad_year')
	),
	yuan: v.pipe(
		v.number('bad_income'),
		v.integer('bad_income'),
		v.minValue(0, 'bad_income'),
		v.maxValue(10_000_000, 'bad_income')
	)
});
export type Income = v.InferOutput<typeof IncomeSchema>;

export const PairInputSchema = v.strictObject({
	householdId: RowId,
	memberNo: MemberNoSchema,
	aim: Text(60),
	/** Null: at least once every calendar month (the default). */
	cadenceDays: v.nullable(
		v.pipe(
			v.number('bad_cadence'),
			v.integer('bad_cadence'),
			v.minValue(1, 'bad_cadence'),
			v.maxValue(366, 'bad_cadence')
		)
	)
});
export type PairInput = v.InferOutput<typeof PairInputSchema>;

export const EndPairingSchema = v.strictObject({ pairingId: RowId, reason: Text(100, 1) });

/** A need found on a visit: one tap makes it a micro-wish or a problem report of the household. */
export const VisitNeedSchema = v.strictObject({
	kind: KindSchema,
	category: CategorySchema,
	text: v.pipe(WishTextSchema, v.minLength(1, 'need_text_required'))
});

/** 记一次走访 from the member's phone. */
export const VisitInputSchema = v.strictObject({
	householdId: RowId,
	/** The member scanned the household's door card (else picked it from the list). */
	byCard: v.boolean(),
	kinds: v.pipe(
		v.array(v.picklist(VISIT_KINDS, 'bad_visit_kind')),
		v.minLength(1, 'visit_kind_required')
	),
	note: Text(MAX_TEXT),
	photoIds: v.pipe(v.array(PhotoIdSchema), v.maxLength(6, 'too_many_photos')),
	needs: v.pipe(v.array(VisitNeedSchema), v.maxLength(5, 'too_many_needs'))
});
export type VisitInput = v.InferOutput<typeof VisitInputSchema>;

export const DoorCodeSchema = CodeSchema;

export interface HouseholdSummary {
	id: number;
	siteSlug: string;
	village: string;
	headName: string;
	tags: HouseholdTag[];
	people: number;
	active: boolean;
	/** The live pairing, if any. */
	pairing: {
		id: number;
		memberId: number;
		memberNo: string;
		memberName: string;
		since: number;
		aim: string;
		cadenceDays: number | null;
	} | null;
	lastVisitAt: number | null;
	/** From shared/domain/pairing.ts visitState; false when not paired. */
	due: boolean;
	overdue: boolean;
}

export interface HouseholdVisit {
	id: number;
	at: number;
	memberName: string;
	kinds: VisitKind[];
	note: string;
	byCard: boolean;
	photoIds: string[];
	/** Wishes the visit raised. */
	wishIds: string[];
}

export interface HouseholdDetail extends HouseholdSummary {
	address: string;
	phone: string;
	notes: string;
	doorCode: string;
	pairings: {
		id: number;
		memberName: string;
		since: number;
		endedAt: number | null;
		endReason: string | null;
		aim: string;
	}[];
	visits: HouseholdVisit[];
	wishes: {
		id: string;
		ticketNo: string;
		kind: v.InferOutput<typeof KindSchema>;
		text: string;
		status: v.InferOutput<typeof StatusSchema>;
		receivedAt: number;
	}[];
	incomes: { year: number; yuan: number }[];
}

/** The desk at a glance: coverage per village, the overdue list, visits per member this month. */
export interface PairingCoverage {
	villages: {
		siteSlug: string;
		village: string;
		households: number;
		paired: number;
		visited: number;
	}[];
	overdue: HouseholdSummary[];
	members: { memberNo: string; name: string; households: number; visitsThisMonth: number }[];
	wishes: { total: number; resolved: number };
}
