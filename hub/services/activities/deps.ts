/**
 * What the activity use cases share: the store, the broadcaster, the clock, and the one way a
 * change is written (its station event, its audit row for staff) and told to the site's kiosks
 * after COMMIT.
 */
import type { Outcome } from '../../../shared/errors.ts';
import type { Broadcaster } from '../../infra/broadcaster.ts';
import type { Activity, SignupRow } from '../../store/activities.ts';
import type { Repos, Store } from '../../store/store.ts';

export const DAY_MS = 86_400_000;

export interface ActivityOptions {
	store: Store;
	broadcaster: Pick<Broadcaster, 'activity'>;
	now?: () => number;
}

export interface ActivityDeps {
	store: Store;
	broadcaster: Pick<Broadcaster, 'activity'>;
	now: () => number;
}

export function activityDeps(opts: ActivityOptions): ActivityDeps {
	return { store: opts.store, broadcaster: opts.broadcaster, now: opts.now ?? Date.now };
}

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

export function toDeskSignup(r: SignupRow): DeskSignup {
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

/** A sign-up named by the desk's list (its id) or by the QR on its slip (its code). */
export type SignupRef = { id: number } | { code: string };

/** Finds a live sign-up and the activity it belongs to, for attendance and cancelling. */
export async function signupWithActivity(
	tx: Repos,
	find: SignupRef
): Promise<{ signup: SignupRow; activity: Activity } | null> {
	const signup =
		'id' in find
			? await tx.activities.signupById(find.id)
			: await tx.activities.signupByCode(find.code);
	if (!signup) return null;
	const activity = await tx.activities.activityById(signup.activity_id);
	return activity ? { signup, activity } : null;
}

/** One change: its event, its audit row (staff only); returns the seq to broadcast. */
export async function record(
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

/** What a change's transaction hands back: its outcome and, if it wrote an event, what to tell. */
export type Changed<T> = Outcome<T> & {
	broadcast?: { siteId: number; activityId: number; seq: number };
};

/** Runs a change in one transaction and tells the site's kiosks after COMMIT. */
export async function change<T>(
	d: ActivityDeps,
	fn: (tx: Repos) => Promise<Changed<T>>
): Promise<Outcome<T>> {
	const r = await d.store.transaction(fn);
	if (!r.ok) return r;
	if (r.broadcast) {
		d.broadcaster.activity?.(r.broadcast.siteId, {
			activityId: r.broadcast.activityId,
			seq: r.broadcast.seq
		});
	}
	return { ok: true, value: r.value };
}
