/**
 * The queue's live state: every unfinished item (from the board, then kept current by desk
 * events), the clocks and attention reasons computed with the shared SLA rules, filters and search.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { CategoryId } from '$shared/domain/categories.ts';
import {
	attentionReasons,
	compareByUrgency,
	DEFAULT_ACCEPT_LIMITS,
	defaultPolicies,
	onsiteClock,
	slaClock,
	type AcceptLimits,
	type AttentionReason,
	type SlaClock,
	type SlaPolicies
} from '$shared/domain/sla.ts';
import { isDone, isFinal, type WishKind, type WishStatus } from '$shared/domain/wish.ts';
import type { DeskBoard, DeskEvent, DeskItem, DeskSettings } from '$shared/schemas/desk.ts';
import { hopView, liveHop, type HopView } from './desk-hop.ts';

export interface QueueRow {
	item: DeskItem;
	clock: SlaClock;
	/** The on-site clock while a check (核实) is out and nobody has arrived yet. */
	onsite: SlaClock | null;
	/** The post it is with and whether one of its workers took it. */
	hop: HopView | null;
	reasons: AttentionReason[];
	/** A reason that is a missed promise or news from the field: drawn and sorted like overdue. */
	alarm: boolean;
}

/** The reasons that stand out: a missed clock, or the field handing the item back to the desk. */
export const ALARM_REASONS: readonly AttentionReason[] = [
	'overdue',
	'not_accepted',
	'onsite_overdue',
	'findings',
	'handed_back'
];

export const isAlarm = (reason: AttentionReason) => ALARM_REASONS.includes(reason);

export type QueueView = 'attention' | 'active';

export interface QueueFilters {
	view: QueueView;
	site: string;
	category: CategoryId | '';
	kind: WishKind | '';
	status: WishStatus | '';
	overdueOnly: boolean;
}

/** Done or closed for good: off the queue, still found by search. */
const finished = (status: WishStatus) => isDone(status) || isFinal(status);

export class DeskQueue {
	items = new SvelteMap<string, DeskItem>();
	policies = $state<SlaPolicies>(defaultPolicies());
	settings = $state<DeskSettings>({
		escalationHours: 12,
		autoReleaseHours: 72,
		acceptUrgentMinutes: DEFAULT_ACCEPT_LIMITS.urgentMinutes,
		acceptMinutes: DEFAULT_ACCEPT_LIMITS.normalMinutes
	});
	sites = $state<DeskBoard['sites']>([]);
	posts = $state<DeskBoard['posts']>([]);
	members = $state<DeskBoard['members']>([]);
	/** The hub's time as best known here; ticks so clocks move without events. */
	now = $state(Date.now());
	/** Hub clock minus this browser's clock, learnt from live events (committed moments ago). */
	#skewMs = 0;
	filters = $state<QueueFilters>({
		view: 'attention',
		site: '',
		category: '',
		kind: '',
		status: '',
		overdueOnly: false
	});
	search = $state<{ q: string; results: DeskItem[] } | null>(null);
	/** Items that arrived since the page opened (highlighted until looked at). */
	fresh = new SvelteSet<string>();

	load(board: DeskBoard): void {
		this.items.clear();
		for (const item of board.items) this.items.set(item.id, item);
		// A category the board leaves a setting out of keeps the shared default for it.
		const defaults = defaultPolicies();
		for (const [category, policy] of Object.entries(board.policies)) {
			defaults[category as CategoryId] = { ...defaults[category as CategoryId], ...policy };
		}
		this.policies = defaults;
		this.settings = { ...this.settings, ...board.settings };
		this.sites = board.sites;
		this.posts = board.posts;
		this.members = board.members;
	}

	tick(): void {
		this.now = Date.now() + this.#skewMs;
	}

	/** Applies a committed event; returns true when it is a new item the desk has not seen. */
	apply(event: DeskEvent): boolean {
		// A desk PC's clock may be minutes off; the clocks must count from the hub's receipt time.
		const skew = event.at - Date.now();
		if (Math.abs(skew) < 86400_000) this.#skewMs = skew;
		this.tick();
		const current = this.items.get(event.item.id);
		if (current && current.seq >= event.item.seq) return false;
		this.items.set(event.item.id, event.item);
		if (this.search) {
			this.search.results = this.search.results.map((i) =>
				i.id === event.item.id ? event.item : i
			);
		}
		const isNew = !current && event.type === 'wish:submitted';
		if (isNew) this.fresh.add(event.item.id);
		return isNew;
	}

	/** Keeps an item the page fetched (search, detail) in step with the queue. */
	remember(item: DeskItem): void {
		const current = this.items.get(item.id);
		if (!current || current.seq <= item.seq) this.items.set(item.id, item);
	}

	/** How long a post has to accept a hop, from the desk settings. */
	get acceptLimits(): AcceptLimits {
		return {
			urgentMinutes: this.settings.acceptUrgentMinutes,
			normalMinutes: this.settings.acceptMinutes
		};
	}

	row(item: DeskItem): QueueRow {
		const policy = this.policies[item.category];
		const clock = slaClock(item, policy, this.now);
		const hop = liveHop(item);
		const onsite = onsiteClock({ ...item, checkAsked: hop?.step === 'check' }, policy, this.now);
		const reasons = attentionReasons(
			{ ...item, hop, lastType: lastTypeOf(item) },
			clock,
			this.settings.escalationHours,
			this.now,
			{ accept: this.acceptLimits, onsite }
		);
		return {
			item,
			clock,
			onsite,
			hop: hopView(item, this.acceptLimits, this.now),
			reasons,
			alarm: reasons.some(isAlarm)
		};
	}

	matches(row: QueueRow): boolean {
		const f = this.filters;
		const { item } = row;
		if (f.site && item.siteSlug !== f.site) return false;
		if (f.category && item.category !== f.category) return false;
		if (f.kind && item.kind !== f.kind) return false;
		if (f.status && item.status !== f.status) return false;
		if (f.overdueOnly && row.clock.level !== 'overdue') return false;
		return true;
	}

	/**
	 * What the list shows: search results, or the chosen view; alarms first (overdue, not accepted,
	 * back from the field), then the soonest due.
	 */
	rows = $derived.by((): QueueRow[] => {
		const source = this.search
			? this.search.results.map((i) => this.items.get(i.id) ?? i)
			: [...this.items.values()].filter((i) => !finished(i.status));
		const rows = source.map((i) => this.row(i));
		const shown = this.search
			? rows.filter((r) => this.matches(r))
			: rows.filter(
					(r) => this.matches(r) && (this.filters.view === 'active' || r.reasons.length > 0)
				);
		return shown.sort(
			(a, b) =>
				Number(b.alarm) - Number(a.alarm) ||
				compareByUrgency(a.clock, b.clock) ||
				Number(b.item.urgent) - Number(a.item.urgent) ||
				a.item.receivedAt - b.item.receivedAt
		);
	});

	counts = $derived.by(() => {
		let attention = 0;
		let active = 0;
		let overdue = 0;
		for (const item of this.items.values()) {
			if (finished(item.status)) continue;
			const r = this.row(item);
			active += 1;
			if (r.reasons.length > 0) attention += 1;
			if (r.clock.level === 'overdue') overdue += 1;
		}
		return { attention, active, overdue };
	});
}

/** What brought an item back: a desk note or triage afterwards does not hide that it came from the field. */
function lastTypeOf(item: DeskItem): string {
	if (item.backFromField === 'findings') return 'wish:reported';
	if (item.backFromField === 'handed_back') return 'wish:handed_back';
	return item.lastEvent.type;
}
