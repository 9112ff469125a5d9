/**
 * 需求清单 · 你说我办 (DESIGN.md §13): needs many residents share. A need is raised (kiosk, phone,
 * desk, a residents' meeting), others add "我也需要", the desk merges duplicates, adopts, carries
 * out and closes it, or declines it with a reason residents can read. Pure rules; no I/O.
 */

export const NEED_THEMES = ['venue', 'service', 'culture', 'care', 'environment', 'other'] as const;
export type NeedTheme = (typeof NEED_THEMES)[number];

export const NEED_THEME_LABELS: Record<NeedTheme, string> = {
	venue: '场地设施',
	service: '便民服务',
	culture: '文化活动',
	care: '助老助幼',
	environment: '环境',
	other: '其他'
};

/** merged: folded into another need (its asks and +1s moved there); never shown to residents. */
export const NEED_STATES = [
	'collecting',
	'adopted',
	'in_progress',
	'done',
	'declined',
	'merged'
] as const;
export type NeedState = (typeof NEED_STATES)[number];

export const NEED_STATE_LABELS: Record<NeedState, string> = {
	collecting: '收集中',
	adopted: '已采纳',
	in_progress: '实施中',
	done: '已完成',
	declined: '暂不采纳',
	merged: '已合并'
};

/** Where a resident's ask or +1 came from; the desk sees counts by channel. */
export const NEED_CHANNELS = ['kiosk', 'phone', 'desk', 'meeting'] as const;
export type NeedChannel = (typeof NEED_CHANNELS)[number];

/** The desk's moves: which states each may start from. */
export const NEED_MOVES = {
	adopt: ['collecting', 'declined'],
	start: ['adopted'],
	finish: ['adopted', 'in_progress'],
	decline: ['collecting', 'adopted'],
	merge: ['collecting', 'adopted', 'in_progress', 'declined']
} as const satisfies Record<string, readonly NeedState[]>;
export type NeedMove = keyof typeof NEED_MOVES;

export function mayMove(move: NeedMove, from: NeedState): boolean {
	return (NEED_MOVES[move] as readonly NeedState[]).includes(from);
}

/** Open for "我也需要": still being collected. */
export function isOpenNeed(state: NeedState): boolean {
	return state === 'collecting';
}

/** On the 你说我办 board: what the township took up. */
export function isOnBoard(state: NeedState): boolean {
	return state === 'adopted' || state === 'in_progress' || state === 'done';
}

/**
 * The honest +1 rule, enforced on the hub and explained in the README: at a kiosk one tap is one
 * +1, at most one per need per kiosk every `kioskGapMs`, and at most `kioskDailyCap` per kiosk per
 * Shanghai day over all needs; on a phone one per phone per need.
 */
export interface NeedVoteRules {
	kioskGapMs: number;
	kioskDailyCap: number;
}

export const DEFAULT_VOTE_RULES: NeedVoteRules = { kioskGapMs: 5_000, kioskDailyCap: 200 };

/** A target month, "YYYY-MM". */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** One need as the figures read it (merged needs are left out by the caller). */
export interface NeedFigureRow {
	siteSlug: string;
	theme: NeedTheme;
	state: NeedState;
	/** Residents who asked: each ask's people plus every +1. */
	asked: number;
	firstAskedAt: number;
	adoptedAt: number | null;
	doneAt: number | null;
}

export interface NeedFigures {
	collected: number;
	asked: number;
	adopted: number;
	done: number;
	declined: number;
	/** Share of needs taken up (adopted, in progress or done) among all collected; null when none. */
	adoptedShare: number | null;
	doneShare: number | null;
	/** Median hours from first asked to adopted, and to done. */
	hoursToAdoptP50: number | null;
	hoursToDoneP50: number | null;
}

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const HOUR = 3_600_000;

export function needFigures(rows: readonly NeedFigureRow[]): NeedFigures {
	const live = rows.filter((r) => r.state !== 'merged');
	const takenUp = live.filter((r) => isOnBoard(r.state));
	const done = live.filter((r) => r.state === 'done');
	const share = (n: number) => (live.length === 0 ? null : n / live.length);
	return {
		collected: live.length,
		asked: live.reduce((s, r) => s + r.asked, 0),
		adopted: takenUp.length,
		done: done.length,
		declined: live.filter((r) => r.state === 'declined').length,
		adoptedShare: share(takenUp.length),
		doneShare: share(done.length),
		hoursToAdoptP50: median(
			takenUp.filter((r) => r.adoptedAt !== null).map((r) => (r.adoptedAt! - r.firstAskedAt) / HOUR)
		),
		hoursToDoneP50: median(
			done.filter((r) => r.doneAt !== null).map((r) => (r.doneAt! - r.firstAskedAt) / HOUR)
		)
	};
}

/** Figures per group (site or theme), in the order the groups first appear. */
export function needFiguresBy(
	rows: readonly NeedFigureRow[],
	key: (r: NeedFigureRow) => string
): { key: string; figures: NeedFigures }[] {
	const groups = new Map<string, NeedFigureRow[]>();
	for (const r of rows) {
		const k = key(r);
		const g = groups.get(k);
		if (g) g.push(r);
		else groups.set(k, [r]);
	}
	return [...groups].map(([k, g]) => ({ key: k, figures: needFigures(g) }));
}
