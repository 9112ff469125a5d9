/**
 * The activities themselves and their dates: the kiosk's 近期活动 list, the desk's editor and its
 * list of dates with their sign-ups.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import { shanghaiDate } from '../../../shared/domain/figures.ts';
import { describeSchedule, occurrences, type Schedule } from '../../../shared/domain/recurrence.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { ActivityInput, UpcomingActivity } from '../../../shared/schemas/stations.ts';
import type { Activity } from '../../store/activities.ts';
import { requireRole } from '../staff/roles.ts';
import {
	change,
	DAY_MS,
	record,
	toDeskSignup,
	type ActivityDeps,
	type DeskSignup
} from './deps.ts';

export interface DeskActivity extends Activity {
	when: string;
	/** Dates from a week ago to a month ahead, with their sign-ups. */
	dates: { date: string; start: number; end: number; signups: DeskSignup[] }[];
}

/** The kiosk's 近期活动: active activities of a site with a date in the next `days` days. */
export async function upcoming(
	d: ActivityDeps,
	siteId: number,
	days = 14
): Promise<UpcomingActivity[]> {
	const at = d.now();
	const list = await d.store.activities.siteActivities(siteId);
	const out: UpcomingActivity[] = [];
	for (const a of list) {
		const dates = occurrences(a.schedule, at, at + days * DAY_MS);
		if (dates.length === 0) continue;
		const taken =
			a.capacity === null
				? new Map<string, number>()
				: await d.store.activities.takenByDate(
						a.id,
						dates.map((o) => o.date)
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
			occurrences: dates.map((o) => ({ ...o, taken: taken.get(o.date) ?? 0 })),
			fromNeed: a.fromNeed
		});
	}
	return out.sort((a, b) => a.occurrences[0]!.start - b.occurrences[0]!.start);
}

/** The desk's editor: a new activity (id null) or changes to one. */
export async function save(
	d: ActivityDeps,
	who: StaffPrincipal,
	siteId: number,
	id: number | null,
	input: ActivityInput
): Promise<Outcome<Activity>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	const fields = { ...input, schedule: input.schedule as Schedule };
	return change(d, async (tx) => {
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
}

/** The desk's list: a site's activities (all sites with null), dates and sign-ups. */
export async function deskList(d: ActivityDeps, siteId: number | null): Promise<DeskActivity[]> {
	const at = d.now();
	const list = await d.store.activities.siteActivities(siteId, { withInactive: true });
	const fromDate = shanghaiDate(at - 7 * DAY_MS);
	const out: DeskActivity[] = [];
	for (const a of list) {
		const signups = (await d.store.activities.signupsFrom(a.id, fromDate)).map(toDeskSignup);
		const dates = occurrences(a.schedule, at - 7 * DAY_MS, at + 31 * DAY_MS).map((o) => ({
			...o,
			signups: signups.filter((s) => s.date === o.date)
		}));
		out.push({ ...a, when: describeSchedule(a.schedule), dates });
	}
	return out;
}

export async function activity(d: ActivityDeps, id: number): Promise<Activity | null> {
	return (await d.store.activities.activityById(id)) ?? null;
}
