/**
 * What the needs use cases share (需求清单 · 你说我办): the store, the clock, the +1 rules, where
 * photos live, and the one way a change is written (its station event, an audit row for staff)
 * and told to the site's walls and the desks after COMMIT.
 */
import { DEFAULT_VOTE_RULES, type NeedVoteRules } from '../../../shared/domain/needs.ts';
import type { Outcome } from '../../../shared/errors.ts';
import type {
	DeskNeed,
	DeskNeedAsk,
	NeedChanged,
	PublicNeed
} from '../../../shared/schemas/needs.ts';
import type { Broadcaster } from '../../infra/broadcaster.ts';
import { rateLimiter, tokenBucket, type Rate } from '../../infra/rate-limit.ts';
import type { NeedAskRow, NeedRow } from '../../store/needs.ts';
import type { Repos, Store } from '../../store/store.ts';

/** How many suggestions a sender may make: a kiosk per hour, a phone's address per 10 minutes. */
export interface NeedLimits {
	kioskSuggestions: Rate;
	phoneSuggestions: { max: number; windowMs: number };
	/** +1s from one address (however many cookies it throws away). */
	phoneVotes: { max: number; windowMs: number };
}

export const DEFAULT_NEED_LIMITS: NeedLimits = {
	kioskSuggestions: { count: 30, perMs: 3_600_000 },
	phoneSuggestions: { max: 5, windowMs: 600_000 },
	// A residents' meeting on the center's Wi-Fi is one address: room for every phone in the hall.
	phoneVotes: { max: 300, windowMs: 600_000 }
};

export interface NeedOptions {
	store: Store;
	broadcaster: Pick<Broadcaster, 'need'>;
	dataDir: string;
	now?: () => number;
	rules?: Partial<NeedVoteRules>;
	limits?: Partial<NeedLimits>;
}

export interface NeedDeps {
	store: Store;
	broadcaster: Pick<Broadcaster, 'need'>;
	dataDir: string;
	now: () => number;
	rules: NeedVoteRules;
	kioskSuggestions: ReturnType<typeof tokenBucket>;
	phoneSuggestions: ReturnType<typeof rateLimiter>;
	phoneVotes: ReturnType<typeof rateLimiter>;
}

export function needDeps(opts: NeedOptions): NeedDeps {
	const now = opts.now ?? Date.now;
	const limits = { ...DEFAULT_NEED_LIMITS, ...opts.limits };
	return {
		store: opts.store,
		broadcaster: opts.broadcaster,
		dataDir: opts.dataDir,
		now,
		rules: { ...DEFAULT_VOTE_RULES, ...opts.rules },
		kioskSuggestions: tokenBucket(limits.kioskSuggestions, now),
		phoneSuggestions: rateLimiter({ ...limits.phoneSuggestions, now }),
		phoneVotes: rateLimiter({ ...limits.phoneVotes, now })
	};
}

export function toPublicNeed(r: NeedRow): PublicNeed {
	const link =
		r.service_id !== null
			? { kind: 'service' as const, id: r.service_id, name: r.service_name ?? '' }
			: r.activity_id !== null
				? { kind: 'activity' as const, id: r.activity_id, name: r.activity_title ?? '' }
				: null;
	return {
		id: r.id,
		siteSlug: r.site_slug,
		theme: r.theme,
		title: r.title,
		hasVoice: r.has_voice === 1,
		state: r.state,
		count: r.asked,
		firstAskedAt: r.first_asked_at,
		adoptedAt: r.adopted_at,
		startedAt: r.started_at,
		doneAt: r.done_at,
		declinedAt: r.declined_at,
		plan: r.plan,
		owner: r.owner,
		targetMonth: r.target_month,
		doneNote: r.done_note,
		donePhotoUrl: r.state === 'done' && r.done_photo ? `/n/photo/${r.id}` : null,
		declineReason: r.state === 'declined' ? r.decline_reason : null,
		link,
		seq: r.seq
	};
}

export function toDeskAsk(a: NeedAskRow): DeskNeedAsk {
	return {
		id: a.id,
		channel: a.channel,
		text: a.text,
		people: a.people,
		voiceUrl: a.voice_ms !== null ? `/api/voice/${a.id}?code=${a.listen_code}` : null,
		voiceMs: a.voice_ms,
		meeting:
			a.meeting_id !== null
				? { id: a.meeting_id, title: a.meeting_title ?? '', heldOn: a.meeting_held_on ?? '' }
				: null,
		receivedAt: a.received_at
	};
}

/** A need with everything the desk sees: asks, counts by channel, what was merged into it. */
export async function deskNeed(tx: Repos, row: NeedRow): Promise<DeskNeed> {
	const [asks, byChannel, merged] = await Promise.all([
		tx.needs.asksOf(row.id),
		tx.needs.countsByChannel(row.id),
		tx.needs.mergedInto(row.id)
	]);
	return {
		...toPublicNeed(row),
		byChannel,
		asks: asks.map(toDeskAsk),
		merged,
		mergedInto: row.merged_into
	};
}

/** Appends the need's station event and stamps the row with it; returns what to tell. */
export async function record(
	tx: Repos,
	e: {
		need: { id: number; site_id: number; site_slug: string };
		type: string;
		actor: string;
		data: Record<string, unknown>;
		at: number;
	}
): Promise<{ siteId: number; change: NeedChanged }> {
	const seq = await tx.stations.appendStationEvent({
		siteId: e.need.site_id,
		type: `need_${e.type}`,
		subject: `need:${e.need.id}`,
		actor: e.actor,
		data: e.data,
		at: e.at
	});
	await tx.needs.updateNeed(e.need.id, { seq }, e.at);
	return { siteId: e.need.site_id, change: { needId: e.need.id, siteSlug: e.need.site_slug, seq } };
}

/** What a change's transaction hands back: its outcome and the needs whose walls to tell. */
export type Changed<T> = Outcome<T> & { told?: { siteId: number; change: NeedChanged }[] };

/** Runs a change in one transaction and tells the site's walls and the desks after COMMIT. */
export async function change<T>(
	d: NeedDeps,
	fn: (tx: Repos) => Promise<Changed<T>>
): Promise<Outcome<T>> {
	const r = await d.store.transaction(fn);
	if (!r.ok) return r;
	for (const t of r.told ?? []) d.broadcaster.need?.(t.siteId, t.change);
	return { ok: true, value: r.value };
}
