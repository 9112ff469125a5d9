/**
 * Activities and the monthly service day: the kiosk's 近期活动 list, sign-ups with capacity
 * enforced inside one transaction, and the desk's editor, sign-up lists and attendance. Every
 * change is one transaction with one station event (and an audit row for staff), broadcast to the
 * site's kiosks after COMMIT.
 */
import { ErrorCode } from '../../shared/errors.ts';
import { newCode } from '../../shared/domain/codes.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import { maskName } from '../../shared/domain/privacy.ts';
import {
	describeSchedule,
	hasOccurrenceOn,
	occurrenceOn,
	occurrences,
	type Schedule
} from '../../shared/domain/recurrence.ts';
import type {
	ActivityInput,
	Signup,
	SignupReceipt,
	UpcomingActivity
} from '../../shared/schemas/stations.ts';
import type { StaffPrincipal } from '../../shared/schemas/desk.ts';
import { type Activity, type SignupRow } from '../store/activities.ts';

import type { Store, Repos } from '../store/store.ts';
import type { Broadcaster } from '../infra/broadcaster.ts';
import { requireRole } from './staff/roles.ts';
import type { Outcome } from '../../shared/errors.ts';

const DAY_MS = 86_400_000;

/** A sign-up as the desk sees it: the resident's name and phone included. */
export interface DeskSignup {
	id: number;
	date: string;
	name: string;
	phone: string;
	channel: 'kiosk' | 'desk';
	slipCode: string;
	createdAt: number;
	attendedAt: number | null;
	cancelledAt: number | null;
}

export interface DeskActivity extends Activity {
	when: string;
	/** Dates from a week ago to a month ahead, with their sign-ups. */
	dates: { date: string; start: number; end: number; signups: DeskSignup[] }[];
}

function toDeskSignup(r: SignupRow): DeskSignup {
	return {
		id: r.id,
		date: r.occurrence,
		name: r.name,
		phone: r.phone,
		channel: r.channel,
		slipCode: r.slip_code,
		createdAt: r.created_at,
		attendedAt: r.attended_at,
		cancelledAt: r.cancelled_at
	};
}

export function createActivityService(opts: {
	store: Store;
	broadcaster: Pick<Broadcaster, 'activity'>;
	now?: () => number;
}) {
	const { store, broadcaster } = opts;
	const now = opts.now ?? Date.now;

	/** One change: its event, its audit row (staff only); returns the seq to broadcast. */
	async function record(
		tx: Repos,
		e: {
			siteId: number;
			activityId: number;
			type: string;
			actor: string;
			staffId: number | null;
			data: Record<string, unknown>;
			audit?: { targetType: string; targetId: number; before: unknown; after: unknown };
			at: number;
		}
	): Promise<number> {
		const seq = await tx.stations.appendStationEvent({
			siteId: e.siteId,
			type: e.type,
			subject: `activity:${e.activityId}`,
			actor: e.actor,
			data: e.data,
			at: e.at
		});
		if (e.audit && e.staffId !== null) {
			await tx.audit.appendAudit({
				staffId: e.staffId,
				action: `activity.${e.type}`,
				...e.audit,
				at: e.at
			});
		}
		return seq;
	}

	/** Runs a change in one transaction and tells the site's kiosks after COMMIT. */
	async function change<T>(
		fn: (
			tx: Repos
		) => Promise<Outcome<T> & { broadcast?: { siteId: number; activityId: number; seq: number } }>
	): Promise<Outcome<T>> {
		const r = await store.transaction(fn);
		if (!r.ok) return r;
		if (r.broadcast) {
			broadcaster.activity?.(r.broadcast.siteId, {
				activityId: r.broadcast.activityId,
				seq: r.broadcast.seq
			});
		}
		return { ok: true, value: r.value };
	}

	/** Finds a live sign-up and the activity it belongs to, for attendance and cancelling. */
	async function signupWithActivity(
		tx: Repos,
		find: { id: number } | { code: string }
	): Promise<{ signup: SignupRow; activity: Activity } | null> {
		const signup =
			'id' in find
				? await tx.activities.signupById(find.id)
				: await tx.activities.signupByCode(find.code);
		if (!signup) return null;
		const activity = await tx.activities.activityById(signup.activity_id);
		return activity ? { signup, activity } : null;
	}

	async function setAttendance(
		who: StaffPrincipal,
		find: { id: number } | { code: string },
		attended: boolean
	): Promise<Outcome<DeskSignup>> {
		const refused = requireRole(who, 'dispatcher');
		if (refused) return refused;
		const at = now();
		return change(async (tx) => {
			const found = await signupWithActivity(tx, find);
			if (!found) return { ok: false, error: ErrorCode.notFound, message: 'no such sign-up' };
			const { signup, activity } = found;
			if (signup.cancelled_at !== null) {
				return { ok: false, error: ErrorCode.conflict, message: 'this sign-up was cancelled' };
			}
			// Marking someone present twice (a second scan of the slip) keeps the first time.
			if ((signup.attended_at !== null) === attended) {
				return { ok: true, value: toDeskSignup(signup) };
			}
			await tx.activities.setAttended(signup.id, attended ? at : null);
			const seq = await record(tx, {
				siteId: activity.siteId,
				activityId: activity.id,
				type: attended ? 'attended' : 'attendance_undone',
				actor: `staff:${who.id}`,
				staffId: who.id,
				data: { signupId: signup.id, date: signup.occurrence },
				audit: {
					targetType: 'activity_signup',
					targetId: signup.id,
					before: { attended: !attended },
					after: { attended }
				},
				at
			});
			return {
				ok: true,
				value: toDeskSignup((await tx.activities.signupById(signup.id))!),
				broadcast: { siteId: activity.siteId, activityId: activity.id, seq }
			};
		});
	}

	return {
		/** The kiosk's 近期活动: active activities of a site with a date in the next `days` days. */
		async upcoming(siteId: number, days = 14): Promise<UpcomingActivity[]> {
			const at = now();
			const list = await store.activities.siteActivities(siteId);
			const out: UpcomingActivity[] = [];
			for (const a of list) {
				const dates = occurrences(a.schedule, at, at + days * DAY_MS);
				if (dates.length === 0) continue;
				const taken =
					a.capacity === null
						? new Map<string, number>()
						: await store.activities.takenByDate(
								a.id,
								dates.map((d) => d.date)
							);
				out.push({
					id: a.id,
					title: a.title,
					description: a.description,
					place: a.place,
					services: a.services,
					when: describeSchedule(a.schedule),
					recurring: a.schedule.kind !== 'once',
					capacity: a.capacity,
					occurrences: dates.map((d) => ({ ...d, taken: taken.get(d.date) ?? 0 }))
				});
			}
			return out.sort((a, b) => a.occurrences[0]!.start - b.occurrences[0]!.start);
		},

		/**
		 * A resident signs up for one date. Counting the places taken and inserting happen in one
		 * transaction (BEGIN IMMEDIATE, one connection), so no two sign-ups can both take the last
		 * place. The same phone for the same date gets its first sign-up back, not a second place.
		 */
		async signup(
			by: { siteId: number; kioskId: number },
			input: Signup
		): Promise<Outcome<SignupReceipt>> {
			const at = now();
			const name = input.name.trim();
			return change(async (tx) => {
				const a = await tx.activities.activityById(input.activityId);
				if (!a || !a.active || a.siteId !== by.siteId) {
					return { ok: false, error: ErrorCode.notFound, message: 'no such activity here' };
				}
				if (a.capacity === null) {
					return { ok: false, error: ErrorCode.forbidden, message: 'no sign-up needed; just come' };
				}
				if (!hasOccurrenceOn(a.schedule, input.date)) {
					return {
						ok: false,
						error: ErrorCode.notFound,
						message: 'the activity is not on that date'
					};
				}
				const occ = occurrenceOn(a.schedule, input.date);
				if (occ.start <= at) {
					return { ok: false, error: ErrorCode.tooLate, message: 'sign-up closed when it began' };
				}
				const receipt = (s: SignupRow, taken: number, already: boolean): SignupReceipt => ({
					signupId: s.id,
					slipCode: s.slip_code,
					title: a.title,
					place: a.place,
					date: occ.date,
					start: occ.start,
					end: occ.end,
					maskedName: maskName(s.name),
					phoneLast4: s.phone.slice(-4),
					already,
					placesLeft: Math.max(0, a.capacity! - taken)
				});
				const existing = await tx.activities.liveSignupByPhone(a.id, input.date, input.phone);
				if (existing) {
					return {
						ok: true,
						value: receipt(existing, await tx.activities.countTaken(a.id, input.date), true)
					};
				}
				const taken = await tx.activities.countTaken(a.id, input.date);
				if (taken >= a.capacity) {
					return { ok: false, error: ErrorCode.full, message: 'all places are taken' };
				}
				const id = await tx.activities.insertSignup(
					{
						activityId: a.id,
						date: input.date,
						name,
						phone: input.phone,
						channel: 'kiosk',
						kioskId: by.kioskId,
						slipCode: newCode(),
						attendedAt: null
					},
					at
				);
				const seq = await record(tx, {
					siteId: a.siteId,
					activityId: a.id,
					type: 'signed_up',
					actor: `kiosk:${by.kioskId}`,
					staffId: null,
					data: { signupId: id, date: input.date },
					at
				});
				return {
					ok: true,
					value: receipt((await tx.activities.signupById(id))!, taken + 1, false),
					broadcast: { siteId: a.siteId, activityId: a.id, seq }
				};
			});
		},

		/** The desk's editor: a new activity (id null) or changes to one. */
		async save(
			who: StaffPrincipal,
			siteId: number,
			id: number | null,
			input: ActivityInput
		): Promise<Outcome<Activity>> {
			const refused = requireRole(who, 'dispatcher');
			if (refused) return refused;
			const at = now();
			const fields = { ...input, schedule: input.schedule as Schedule };
			return change(async (tx) => {
				if (!(await tx.sites.siteById(siteId))) {
					return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
				}
				let before: Activity | null = null;
				let activityId: number;
				if (id === null) {
					activityId = await tx.activities.insertActivity(siteId, fields, at);
				} else {
					before = (await tx.activities.activityById(id)) ?? null;
					if (!before || before.siteId !== siteId) {
						return { ok: false, error: ErrorCode.notFound, message: 'no such activity' };
					}
					activityId = id;
					await tx.activities.updateActivity(id, fields, at);
				}
				const after = (await tx.activities.activityById(activityId))!;
				const seq = await record(tx, {
					siteId,
					activityId,
					type: id === null ? 'created' : 'edited',
					actor: `staff:${who.id}`,
					staffId: who.id,
					data: { title: after.title },
					audit: { targetType: 'activity', targetId: activityId, before, after },
					at
				});
				return { ok: true, value: after, broadcast: { siteId, activityId, seq } };
			});
		},

		/** The desk's list: a site's activities (all sites with null), dates and sign-ups. */
		async deskList(siteId: number | null): Promise<DeskActivity[]> {
			const at = now();
			const list = await store.activities.siteActivities(siteId, { withInactive: true });
			const fromDate = shanghaiDate(at - 7 * DAY_MS);
			const out: DeskActivity[] = [];
			for (const a of list) {
				const signups = (await store.activities.signupsFrom(a.id, fromDate)).map(toDeskSignup);
				const dates = occurrences(a.schedule, at - 7 * DAY_MS, at + 31 * DAY_MS).map((o) => ({
					...o,
					signups: signups.filter((s) => s.date === o.date)
				}));
				out.push({ ...a, when: describeSchedule(a.schedule), dates });
			}
			return out;
		},

		async activity(id: number): Promise<Activity | null> {
			return (await store.activities.activityById(id)) ?? null;
		},

		/** Marks a signed-up resident present (or undoes it). */
		setAttendance: (who: StaffPrincipal, signupId: number, attended: boolean) =>
			setAttendance(who, { id: signupId }, attended),

		/** What a scanned sign-up slip names, for staff to confirm before marking anyone present. */
		async slip(slipCode: string): Promise<{ signup: DeskSignup; activity: Activity } | null> {
			const found = await store.transaction((tx) => signupWithActivity(tx, { code: slipCode }));
			return found && { signup: toDeskSignup(found.signup), activity: found.activity };
		},

		/** Staff scanned the QR on a sign-up slip: mark that resident present. */
		checkIn: (who: StaffPrincipal, slipCode: string) =>
			setAttendance(who, { code: slipCode }, true),

		/** The desk records someone who came without signing up: born present, no place taken away. */
		async addWalkIn(
			who: StaffPrincipal,
			input: { activityId: number; date: string; name: string }
		): Promise<Outcome<DeskSignup>> {
			const refused = requireRole(who, 'dispatcher');
			if (refused) return refused;
			const at = now();
			return change(async (tx) => {
				const a = await tx.activities.activityById(input.activityId);
				if (!a) return { ok: false, error: ErrorCode.notFound, message: 'no such activity' };
				if (!hasOccurrenceOn(a.schedule, input.date)) {
					return {
						ok: false,
						error: ErrorCode.notFound,
						message: 'the activity is not on that date'
					};
				}
				const id = await tx.activities.insertSignup(
					{
						activityId: a.id,
						date: input.date,
						name: input.name.trim(),
						phone: '',
						channel: 'desk',
						kioskId: null,
						slipCode: newCode(),
						attendedAt: at
					},
					at
				);
				const seq = await record(tx, {
					siteId: a.siteId,
					activityId: a.id,
					type: 'walk_in',
					actor: `staff:${who.id}`,
					staffId: who.id,
					data: { signupId: id, date: input.date },
					audit: {
						targetType: 'activity_signup',
						targetId: id,
						before: null,
						after: { walkIn: true }
					},
					at
				});
				return {
					ok: true,
					value: toDeskSignup((await tx.activities.signupById(id))!),
					broadcast: { siteId: a.siteId, activityId: a.id, seq }
				};
			});
		},

		/** Cancels a sign-up nobody attended: the place goes back to the kiosk's list. */
		async cancel(who: StaffPrincipal, signupId: number): Promise<Outcome<DeskSignup>> {
			const refused = requireRole(who, 'dispatcher');
			if (refused) return refused;
			const at = now();
			return change(async (tx) => {
				const found = await signupWithActivity(tx, { id: signupId });
				if (!found) return { ok: false, error: ErrorCode.notFound, message: 'no such sign-up' };
				const { signup, activity } = found;
				if ((await tx.activities.cancelSignup(signup.id, at)) === 0) {
					return {
						ok: false,
						error: ErrorCode.conflict,
						message: 'already cancelled, or the resident already came'
					};
				}
				const seq = await record(tx, {
					siteId: activity.siteId,
					activityId: activity.id,
					type: 'signup_cancelled',
					actor: `staff:${who.id}`,
					staffId: who.id,
					data: { signupId: signup.id, date: signup.occurrence },
					audit: {
						targetType: 'activity_signup',
						targetId: signup.id,
						before: { cancelled: false },
						after: { cancelled: true }
					},
					at
				});
				return {
					ok: true,
					value: toDeskSignup((await tx.activities.signupById(signup.id))!),
					broadcast: { siteId: activity.siteId, activityId: activity.id, seq }
				};
			});
		}
	};
}

export type ActivityService = ReturnType<typeof createActivityService>;
