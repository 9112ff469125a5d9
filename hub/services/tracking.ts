/**
 * The resident side of a wish: the status timeline by track code (phone) or by ticket number plus
 * the phone's last four digits (kiosk), and the 1–5 rating. A rating of 1–2 reopens the wish for
 * the desk. Contact details never appear here: the resident already knows their own.
 */
import { ErrorCode } from '../../shared/errors.ts';
import { ratingAction } from '../../shared/domain/wish.ts';
import { chainOf, hopsOf, type ChainStep } from '../../shared/domain/field.ts';
import type { Rating, TrackLookup, TrackView } from '../../shared/schemas/members.ts';
import type { Store, Repos } from '../store/store.ts';
import { type LogEntry } from '../store/notes.ts';

import { type WishRow } from '../store/wishes.ts';

import { lookUpFrom } from './code-lookups.ts';
import { failureLimiter, type FailureLimiter } from '../infra/rate-limit.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { WishService } from './wishes/service.ts';

export interface TrackingTuning {
	/** How long after the first rating a resident may still change it. */
	rateWindowMs: number;
	/** Wrong ticket/phone guesses one kiosk may make within lookupWindowMs before it must wait. */
	maxLookupFailures: number;
	lookupWindowMs: number;
}

export const DEFAULT_TRACKING_TUNING: TrackingTuning = {
	rateWindowMs: 24 * 3600_000,
	maxLookupFailures: 5,
	lookupWindowMs: 10 * 60_000
};

const NOTE_STATUS = {
	'wish:contacted': 'contacted',
	'wish:started': 'in_progress',
	'wish:resolved': 'resolved'
} as const;

/** Milestones of the current round (a release or reopen starts a new one) and the helpers' notes. */
export function timeline(log: LogEntry[]): Pick<TrackView, 'milestones' | 'notes'> {
	let submitted: number | null = null;
	let claimed: number | null = null;
	let inProgress: number | null = null;
	let resolved: number | null = null;
	const notes: TrackView['notes'] = [];
	for (const e of log) {
		switch (e.type) {
			case 'wish:submitted':
				submitted = e.at;
				break;
			case 'wish:claimed':
			case 'wish:dispatched':
				claimed = e.at;
				inProgress = resolved = null;
				break;
			case 'wish:contacted':
			case 'wish:started':
				inProgress ??= e.at;
				break;
			case 'wish:resolved':
				resolved = e.at;
				break;
			case 'wish:released':
			case 'wish:reopened':
				claimed = inProgress = resolved = null;
				break;
		}
		const status = NOTE_STATUS[e.type as keyof typeof NOTE_STATUS];
		const text = typeof e.data.note === 'string' ? e.data.note : '';
		if (status && (text || typeof e.data.photoId === 'string')) {
			notes.push({
				at: e.at,
				status,
				text,
				photoId: typeof e.data.photoId === 'string' ? e.data.photoId : null
			});
		}
	}
	return {
		milestones: [
			{ step: 'submitted', at: submitted },
			{ step: 'claimed', at: claimed },
			{ step: 'in_progress', at: inProgress },
			{ step: 'resolved', at: resolved }
		],
		notes
	};
}

/**
 * A problem report's chain of the current round (a poor rating starts a new one), as the resident
 * reads it: received, on site, sent on, working, fixed (see shared/domain/field.ts).
 */
export function reportChain(
	row: Pick<WishRow, 'id' | 'received_at' | 'status'>,
	log: LogEntry[],
	resolvedAt: number | null
): ChainStep[] {
	let reopened = -1;
	log.forEach((e, i) => {
		if (e.type === 'wish:reopened') reopened = i;
	});
	const round = log.slice(reopened + 1);
	const events = round.map((e) => ({ wishId: row.id, type: e.type, at: e.at, data: e.data }));
	const done = row.status === 'resolved' || row.status === 'closed';
	return chainOf(
		reopened >= 0 ? log[reopened]!.at : row.received_at,
		hopsOf(events),
		done ? resolvedAt : null
	);
}

export function createTrackingService(opts: {
	store: Store;
	wishes: WishService;
	now?: () => number;
	tuning?: Partial<TrackingTuning>;
	/** Unknown codes looked up per client address (see code-lookups.ts); absent: no limit. */
	codeMisses?: FailureLimiter;
}) {
	const { store, wishes } = opts;
	const unlimited = failureLimiter(null);
	const codeMisses = opts.codeMisses ?? unlimited;
	const now = opts.now ?? Date.now;
	const tuning = { ...DEFAULT_TRACKING_TUNING, ...opts.tuning };
	const lookupFailures = new Map<string, number[]>();

	/** When the current rating round's first rating was given (null: not rated this round). */
	async function firstRating(tx: Repos, wishId: string): Promise<number | null> {
		const d = await tx.notes.wishDetails(wishId);
		if (!d) return null;
		return (await tx.ratings.firstRatingSince(wishId, d.resolved_at ?? 0)) ?? d.rated_at;
	}

	async function toView(row: WishRow): Promise<TrackView> {
		const d = (await store.notes.wishDetails(row.id))!;
		const log = await store.notes.wishLog(row.id);
		const { milestones, notes } = timeline(log);
		const first = row.status === 'closed' ? await firstRating(store, row.id) : null;
		return {
			ticketNo: row.ticket_no,
			kind: row.kind,
			category: row.category,
			text: row.text,
			voiceMs: row.voice_ms,
			siteName: d.site_name,
			status: row.status,
			helperName: row.member_name ?? row.post_name,
			milestones,
			chain: row.kind === 'report' ? reportChain(row, log, d.resolved_at) : null,
			notes,
			rejectReason: row.status === 'rejected' ? d.reject_reason : null,
			rating:
				d.rating !== null && (row.status === 'closed' || row.status === 'reopened')
					? { stars: d.rating, comment: d.rating_comment ?? '', at: d.rated_at ?? 0 }
					: null,
			canRate:
				row.status === 'resolved' ||
				(row.status === 'closed' && (first === null || now() - first <= tuning.rateWindowMs))
		};
	}

	async function rate(
		row: WishRow,
		rating: Rating,
		channel: 'phone' | 'kiosk',
		actor: string
	): Promise<Outcome<TrackView>> {
		const at = now();
		const poor = ratingAction(rating.stars) === 'rate_poor';
		const r = await wishes.act({
			wishId: row.id,
			action: ratingAction(rating.stars),
			actor,
			at,
			data: { stars: rating.stars, comment: rating.comment, channel },
			async guard(tx, current) {
				if (current.status !== 'closed') return null;
				const first = await firstRating(tx, current.id);
				return first !== null && at - first > tuning.rateWindowMs
					? { error: ErrorCode.tooLate, message: 'the rating can no longer be changed' }
					: null;
			},
			patch: { rating: rating.stars, rating_comment: rating.comment, rated_at: at },
			async after(tx, seq) {
				await tx.ratings.insertRating({ wishId: row.id, ...rating, channel, seq, at });
				if (poor) {
					await tx.notes.insertDeskFlag({
						wishId: row.id,
						reason: 'poor_rating',
						data: { stars: rating.stars, comment: rating.comment },
						seq,
						at
					});
				}
			}
		});
		if (!r.ok) return r;
		return {
			ok: true,
			value: await toView((await store.wishes.wishByCode('track_code', row.track_code))!)
		};
	}

	/** Finds the wish a kiosk visitor proves is theirs; counts wrong guesses per kiosk. */
	async function prove(by: string, q: TrackLookup): Promise<Outcome<WishRow>> {
		const at = now();
		const recent = (lookupFailures.get(by) ?? []).filter((t) => at - t < tuning.lookupWindowMs);
		if (recent.length >= tuning.maxLookupFailures) {
			return {
				ok: false,
				error: ErrorCode.rateLimited,
				message: 'too many wrong tries; wait a few minutes'
			};
		}
		const row = await store.wishes.wishByCode('ticket_no', q.ticketNo);
		const matches =
			row !== undefined &&
			(q.trackCode !== undefined
				? row.track_code === q.trackCode
				: row.contact_phone.length >= 4 && row.contact_phone.endsWith(q.phoneLast4 ?? ''));
		if (!matches) {
			lookupFailures.set(by, [...recent, at]);
			return {
				ok: false,
				error: ErrorCode.notFound,
				message: 'no wish with this ticket and number'
			};
		}
		return { ok: true, value: row };
	}

	return {
		tuning,

		async view(trackCode: string): Promise<TrackView | null> {
			const row = await store.wishes.wishByCode('track_code', trackCode);
			// A duplicate the desk merged: its resident follows the item that stayed.
			return row ? toView(await store.deskItems.survivorOf(row)) : null;
		},

		/** view() for a phone at address `from`: unknown codes count towards its limit. */
		visit(from: string, trackCode: string): Promise<Outcome<TrackView>> {
			return lookUpFrom(codeMisses, from, async () => {
				const row = await store.wishes.wishByCode('track_code', trackCode);
				return row ? toView(await store.deskItems.survivorOf(row)) : null;
			});
		},

		/** With `from` (a phone's address), an unknown code counts as a miss like visit(). */
		async rate(trackCode: string, rating: Rating, from?: string): Promise<Outcome<TrackView>> {
			// Without an address (tests, trusted callers) nothing is counted.
			const limiter = from === undefined ? unlimited : codeMisses;
			const found = await lookUpFrom(limiter, from ?? '', () =>
				store.wishes.wishByCode('track_code', trackCode)
			);
			if (!found.ok) return found;
			return rate(await store.deskItems.survivorOf(found.value), rating, 'phone', 'resident:phone');
		},

		/** The kiosk path: `by` identifies the kiosk, so guessing is limited per device. */
		async lookup(by: string, q: TrackLookup): Promise<Outcome<TrackView>> {
			const r = await prove(by, q);
			return r.ok
				? { ok: true, value: await toView(await store.deskItems.survivorOf(r.value)) }
				: r;
		},

		async rateAtKiosk(by: string, q: TrackLookup, rating: Rating): Promise<Outcome<TrackView>> {
			const r = await prove(by, q);
			return r.ok
				? rate(await store.deskItems.survivorOf(r.value), rating, 'kiosk', `resident:${by}`)
				: r;
		}
	};
}

export type TrackingService = ReturnType<typeof createTrackingService>;
