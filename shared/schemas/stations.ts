/**
 * Warm stations and activities. Hours are text (shared/domain/hours.ts), schedules JSON
 * (shared/domain/recurrence.ts); the hub parses hours again before storing them.
 */
import * as v from 'valibot';
import { SAFE_TEXT, MAX_NAME } from './wishes.ts';
import { PinSchema } from './members.ts';

export const SERVICE_STATES = ['available', 'busy', 'paused'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
export const ServiceStateSchema = v.picklist(SERVICE_STATES, 'bad_state');
export const MAX_SERVICE_NOTE = 40;
const IdSchema = v.pipe(v.number('bad_id'), v.integer('bad_id'), v.minValue(1, 'bad_id'));

/** "微波炉维修中，明天恢复": short enough to read from two metres. */
export const ServiceNoteSchema = v.pipe(
	v.string('bad_note'),
	v.trim(),
	v.maxLength(MAX_SERVICE_NOTE, 'note_too_long'),
	v.regex(SAFE_TEXT, 'text_bad_characters')
);

/** What every kiosk of the site shows for one service. */
export interface StationService {
	id: number;
	icon: string;
	name: string;
	/** Text form, e.g. "每天 06:00-22:00"; the kiosk computes "open now" from it. */
	hours: string;
	state: ServiceState;
	note: string;
	position: number;
	/** False once an admin retires it: kiosks drop it from the list. */
	active: boolean;
	/** Station event that last changed it: apply updates only forward. */
	seq: number;
	updatedAt: number;
	/** The residents' need it answers (来自群众需求), if the desk linked one. */
	fromNeed: FromNeed | null;
}

/** A need (需求清单) a service or an activity came from. */
export interface FromNeed {
	id: number;
	title: string;
}

export interface StationView {
	services: StationService[];
	visitsToday: number;
}

/** Staff flip a state or a note (desk, or the kiosk's PIN panel). */
export const ServiceStateChangeSchema = v.strictObject({
	serviceId: IdSchema,
	state: ServiceStateSchema,
	note: ServiceNoteSchema
});
export type ServiceStateChange = v.InferOutput<typeof ServiceStateChangeSchema>;

export const KioskServiceStateChangeSchema = v.strictObject({
	serviceId: IdSchema,
	state: ServiceStateSchema,
	note: ServiceNoteSchema,
	pin: PinSchema
});
export type KioskServiceStateChange = v.InferOutput<typeof KioskServiceStateChangeSchema>;

export const StationPinCheckSchema = v.strictObject({ pin: PinSchema });

export const SERVICE_ICONS = [
	'microwave',
	'water',
	'charging',
	'seats',
	'toilet',
	'class',
	'health',
	'farming',
	'other'
] as const;

/** Admin edits of a service (desk). */
export const ServiceEditSchema = v.strictObject({
	icon: v.picklist(SERVICE_ICONS, 'bad_icon'),
	name: v.pipe(
		v.string('bad_name'),
		v.trim(),
		v.minLength(1, 'name_required'),
		v.maxLength(12, 'name_too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	),
	hours: v.pipe(v.string('hours_empty'), v.trim(), v.maxLength(200, 'hours_too_long')),
	position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
	active: v.boolean()
});
export type ServiceEdit = v.InferOutput<typeof ServiceEditSchema>;

export const LocalTimeSchema = v.pipe(
	v.string('bad_time'),
	v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'bad_time')
);
export const LocalDateSchema = v.pipe(
	v.string('bad_date'),
	v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'bad_date'),
	// Checks run even after the regex failed: an unparseable string must give false, not throw.
	v.check((d) => {
		const t = new Date(`${d}T00:00:00Z`);
		return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
	}, 'bad_date')
);
const WeekdaySchema = v.picklist([1, 2, 3, 4, 5, 6, 7] as const, 'bad_days');
const ActivityMinutesSchema = v.pipe(
	v.number('bad_minutes'),
	v.integer('bad_minutes'),
	v.minValue(10, 'bad_minutes'),
	v.maxValue(720, 'bad_minutes')
);
const RepeatFields = {
	time: LocalTimeSchema,
	minutes: ActivityMinutesSchema,
	from: LocalDateSchema,
	until: v.nullable(LocalDateSchema),
	except: v.pipe(v.array(LocalDateSchema), v.maxLength(60))
};

export const ScheduleSchema = v.pipe(
	v.variant(
		'kind',
		[
			v.strictObject({
				kind: v.literal('once'),
				date: LocalDateSchema,
				time: LocalTimeSchema,
				minutes: ActivityMinutesSchema
			}),
			v.strictObject({
				kind: v.literal('monthly'),
				day: v.pipe(v.number(), v.integer(), v.minValue(1, 'bad_day'), v.maxValue(31, 'bad_day')),
				...RepeatFields
			}),
			v.strictObject({
				kind: v.literal('weekly'),
				days: v.pipe(v.array(WeekdaySchema), v.minLength(1, 'bad_days'), v.maxLength(7)),
				...RepeatFields
			})
		],
		'bad_schedule'
	),
	v.check((s) => s.kind === 'once' || s.until === null || s.until >= s.from, 'until_before_from')
);
export type ScheduleInput = v.InferOutput<typeof ScheduleSchema>;

const ShortText = (max: number, min = 0) =>
	v.pipe(
		v.string('bad_text'),
		v.trim(),
		v.minLength(min, 'text_required'),
		v.maxLength(max, 'text_too_long'),
		v.regex(SAFE_TEXT, 'text_bad_characters')
	);

/** The desk's activity editor. */
export const ActivityInputSchema = v.strictObject({
	title: ShortText(40, 1),
	description: ShortText(300),
	place: ShortText(40),
	/** What is offered: 农技, 维修, 助学, 义诊 … */
	services: v.pipe(v.array(ShortText(8, 1)), v.maxLength(8, 'too_many_services')),
	schedule: ScheduleSchema,
	capacity: v.nullable(
		v.pipe(v.number(), v.integer(), v.minValue(1, 'bad_capacity'), v.maxValue(1000, 'bad_capacity'))
	),
	active: v.boolean()
});
export type ActivityInput = v.InferOutput<typeof ActivityInputSchema>;

export const ActivityListRequestSchema = v.strictObject({
	days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)), 14)
});

/** One activity as the kiosk's 近期活动 screen shows it, with its dates in the window asked for. */
export interface UpcomingActivity {
	id: number;
	title: string;
	description: string;
	place: string;
	services: string[];
	/** "每月15日 09:00", "周一至周五 16:30" … */
	when: string;
	/** Whether it repeats (the rule is then worth showing beside the next date). */
	recurring: boolean;
	/** Places per date; null when there is no sign-up (just come). */
	capacity: number | null;
	occurrences: { date: string; start: number; end: number; taken: number }[];
	fromNeed: FromNeed | null;
}

/** A resident signs up at the kiosk: name and phone, for one date of one activity. */
export const SignupSchema = v.strictObject({
	activityId: IdSchema,
	date: LocalDateSchema,
	name: v.pipe(
		v.string('name_required'),
		v.trim(),
		v.minLength(1, 'name_required'),
		v.maxLength(MAX_NAME, 'name_too_long'),
		v.regex(SAFE_TEXT, 'name_bad_characters')
	),
	phone: v.pipe(v.string('bad_phone'), v.regex(/^\d{7,12}$/, 'bad_phone'))
});
export type Signup = v.InferOutput<typeof SignupSchema>;

/** What the sign-up slip prints: no full name or phone, in case the slip is lost. */
export interface SignupReceipt {
	signupId: number;
	slipCode: string;
	title: string;
	place: string;
	date: string;
	start: number;
	end: number;
	maskedName: string;
	phoneLast4: string;
	/** This phone was already signed up for this date: the same place, not a second one. */
	already: boolean;
	placesLeft: number | null;
}

/** Broadcast when an activity or its places left change; kiosks showing the list refetch it. */
export interface ActivityChanged {
	activityId: number;
	seq: number;
}

/** Requests that carry nothing (station:view, station:visit): an empty object, nothing else. */
export const NoPayloadSchema = v.strictObject({});
