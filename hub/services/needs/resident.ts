/**
 * What residents do with needs: read a site's list and its 你说我办 board, raise a suggestion
 * (kiosk, phone), and add "我也需要". The +1 rule is checked inside the transaction that counts,
 * from the rows themselves, so it holds across restarts and is the same for every kiosk.
 */
import { createHash } from 'node:crypto';
import { newCode, newWishId } from '../../../shared/domain/codes.ts';
import { shanghaiDate } from '../../../shared/domain/figures.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type {
	KioskSuggest,
	NeedVote,
	NeedVoteReceipt,
	NeedsView,
	PhoneSuggest,
	PublicNeed
} from '../../../shared/schemas/needs.ts';
import type { NeedRow } from '../../store/needs.ts';
import type { Repos } from '../../store/store.ts';
import { change, record, toPublicNeed, type Changed, type NeedDeps } from './deps.ts';

const DAY_MS = 86_400_000;
/** How long a done need stays on the board, and a declined one in its folded list. */
const BOARD_DONE_DAYS = 365;
const DECLINED_DAYS = 90;
const PHONE_KEY = /^[\w-]{22,64}$/;

const BOARD_ORDER: Record<string, number> = { in_progress: 0, adopted: 1, done: 2 };

export async function view(d: NeedDeps, siteId: number): Promise<NeedsView> {
	const site = await d.store.sites.siteById(siteId);
	const at = d.now();
	const [open, board, declined] = await Promise.all([
		d.store.needs.listNeeds({ siteId, states: ['collecting'] }),
		d.store.needs.listNeeds({ siteId, states: ['adopted', 'in_progress', 'done'] }),
		d.store.needs.listNeeds({
			siteId,
			states: ['declined'],
			changedSince: at - DECLINED_DAYS * DAY_MS
		})
	]);
	const latest = (r: NeedRow) => r.done_at ?? r.started_at ?? r.adopted_at ?? 0;
	return {
		siteSlug: site?.slug ?? '',
		siteName: site?.name ?? '',
		open: open
			.sort((a, b) => b.asked - a.asked || a.first_asked_at - b.first_asked_at)
			.map(toPublicNeed),
		board: board
			.filter((r) => r.done_at === null || r.done_at >= at - BOARD_DONE_DAYS * DAY_MS)
			.sort((a, b) => BOARD_ORDER[a.state]! - BOARD_ORDER[b.state]! || latest(b) - latest(a))
			.map(toPublicNeed),
		declined: declined.map(toPublicNeed),
		rules: {
			kioskGapSeconds: Math.round(d.rules.kioskGapMs / 1000),
			kioskDailyCap: d.rules.kioskDailyCap
		}
	};
}

/** The phone page's view; with the phone's key, also the needs it already counted on. */
export async function viewBySlug(
	d: NeedDeps,
	slug: string,
	phoneKey?: string | null
): Promise<NeedsView | null> {
	const site = await d.store.sites.siteBySlug(slug);
	if (!site) return null;
	const v = await view(d, site.id);
	if (phoneKey && PHONE_KEY.test(phoneKey)) {
		v.mine = await d.store.needs.phoneCounted(site.id, hashKey(phoneKey));
	}
	return v;
}

// Only a hash is kept: the cookie itself never sits in the database.
function hashKey(phoneKey: string): string {
	return createHash('sha256').update(phoneKey).digest('base64url');
}

/** A new need with its first ask, in one transaction. */
async function raise(
	tx: Repos,
	a: {
		id: string;
		siteId: number;
		channel: 'kiosk' | 'phone';
		kioskId: number | null;
		theme: KioskSuggest['theme'];
		text: string;
		voice: KioskSuggest['voice'];
		phoneKey?: string | null;
		actor: string;
		at: number;
	}
): Promise<Changed<PublicNeed>> {
	const needId = await tx.needs.insertNeed({
		siteId: a.siteId,
		theme: a.theme,
		title: a.text,
		at: a.at
	});
	await tx.needs.insertAsk({
		id: a.id,
		needId,
		siteId: a.siteId,
		channel: a.channel,
		kioskId: a.kioskId,
		meetingId: null,
		text: a.text,
		people: 1,
		voiceMs: a.voice?.durationMs ?? null,
		voiceMime: a.voice?.mime ?? null,
		listenCode: newCode(),
		phoneKey: a.phoneKey ?? null,
		at: a.at
	});
	const need = (await tx.needs.needById(needId))!;
	const told = await record(tx, {
		need,
		type: 'raised',
		actor: a.actor,
		data: { channel: a.channel, ask: a.id, voice: a.voice !== null },
		at: a.at
	});
	return { ok: true, value: toPublicNeed((await tx.needs.needById(needId))!), told: [told] };
}

export async function suggestAtKiosk(
	d: NeedDeps,
	kiosk: { kioskId: number; siteId: number },
	input: KioskSuggest
): Promise<Outcome<PublicNeed>> {
	// A resend after a lost answer gets the first one back and costs nothing.
	const earlier = await d.store.needs.askById(input.id);
	if (earlier) {
		const need = await d.store.needs.needById(earlier.need_id);
		if (earlier.kiosk_id !== kiosk.kioskId || !need) {
			return { ok: false, error: ErrorCode.conflict, message: 'that id is taken' };
		}
		return { ok: true, value: toPublicNeed(need) };
	}
	// A wish's id is not free for an ask: clips are found by id alone.
	if (await d.store.voice.voiceWish(input.id)) {
		return { ok: false, error: ErrorCode.conflict, message: 'that id is taken' };
	}
	if (!d.kioskSuggestions.take(String(kiosk.kioskId))) {
		return { ok: false, error: ErrorCode.rateLimited, message: 'too many suggestions this hour' };
	}
	const at = d.now();
	return change(d, (tx) =>
		raise(tx, {
			...input,
			siteId: kiosk.siteId,
			channel: 'kiosk',
			kioskId: kiosk.kioskId,
			actor: `kiosk:${kiosk.kioskId}`,
			at
		})
	);
}

export async function suggestByPhone(
	d: NeedDeps,
	from: { siteSlug: string; ip: string; phoneKey: string | null },
	input: PhoneSuggest
): Promise<Outcome<PublicNeed>> {
	const site = await d.store.sites.siteBySlug(from.siteSlug);
	if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
	if (!d.phoneSuggestions.take(from.ip)) {
		return { ok: false, error: ErrorCode.rateLimited, message: 'too many suggestions' };
	}
	const at = d.now();
	return change(d, (tx) =>
		raise(tx, {
			id: newWishId(at),
			siteId: site.id,
			channel: 'phone',
			kioskId: null,
			theme: input.theme,
			text: input.text,
			voice: null,
			phoneKey: from.phoneKey && PHONE_KEY.test(from.phoneKey) ? hashKey(from.phoneKey) : null,
			actor: 'phone',
			at
		})
	);
}

/** The need a +1 is for: of this site and still collecting. */
async function openNeed(
	tx: Repos,
	needId: number,
	siteId: number
): Promise<{ ok: false; error: ErrorCode; message: string } | { ok: true; need: NeedRow }> {
	const need = await tx.needs.needById(needId);
	if (!need || need.site_id !== siteId || need.state === 'merged') {
		return { ok: false, error: ErrorCode.notFound, message: 'no such need here' };
	}
	if (need.state !== 'collecting') {
		return {
			ok: false,
			error: ErrorCode.forbiddenTransition,
			message: 'this need is no longer collecting'
		};
	}
	return { ok: true, need };
}

async function counted(
	tx: Repos,
	need: NeedRow,
	channel: 'kiosk' | 'phone',
	actor: string,
	at: number
): Promise<Changed<NeedVoteReceipt>> {
	const told = await record(tx, { need, type: 'voted', actor, data: { channel }, at });
	const after = (await tx.needs.needById(need.id))!;
	return { ok: true, value: { needId: need.id, count: after.asked }, told: [told] };
}

export function voteAtKiosk(
	d: NeedDeps,
	kiosk: { kioskId: number; siteId: number },
	input: NeedVote
): Promise<Outcome<NeedVoteReceipt>> {
	const at = d.now();
	return change(d, async (tx) => {
		const found = await openNeed(tx, input.needId, kiosk.siteId);
		if (!found.ok) return found;
		const last = await tx.needs.lastKioskVoteAt(input.needId, kiosk.kioskId);
		// |at − last|: a kiosk clock or hub clock set back must not open the gap early.
		if (last !== null && Math.abs(at - last) < d.rules.kioskGapMs) {
			return {
				ok: false,
				error: ErrorCode.rateLimited,
				message: 'one +1 per need every few seconds at a kiosk'
			};
		}
		const day = shanghaiDate(at);
		if ((await tx.needs.kioskVotesOn(kiosk.kioskId, day)) >= d.rules.kioskDailyCap) {
			return {
				ok: false,
				error: ErrorCode.rateLimited,
				message: 'this kiosk has counted all the +1s it may today'
			};
		}
		await tx.needs.insertVote({
			needId: input.needId,
			channel: 'kiosk',
			kioskId: kiosk.kioskId,
			phoneKey: null,
			day,
			at
		});
		return counted(tx, found.need, 'kiosk', `kiosk:${kiosk.kioskId}`, at);
	});
}

export async function voteByPhone(
	d: NeedDeps,
	from: { siteSlug: string; ip: string; phoneKey: string },
	input: NeedVote
): Promise<Outcome<NeedVoteReceipt>> {
	if (!PHONE_KEY.test(from.phoneKey)) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'bad phone key' };
	}
	const site = await d.store.sites.siteBySlug(from.siteSlug);
	if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
	if (!d.phoneVotes.take(from.ip)) {
		return { ok: false, error: ErrorCode.rateLimited, message: 'too many +1s from here' };
	}
	const phoneKey = hashKey(from.phoneKey);
	const at = d.now();
	return change(d, async (tx) => {
		const found = await openNeed(tx, input.needId, site.id);
		if (!found.ok) return found;
		// Its own suggestion already counts this phone once.
		if (await tx.needs.phoneRaised(input.needId, phoneKey)) {
			return { ok: false, error: ErrorCode.conflict, message: 'this phone already counted' };
		}
		const fresh = await tx.needs.insertVote({
			needId: input.needId,
			channel: 'phone',
			kioskId: null,
			phoneKey,
			day: shanghaiDate(at),
			at
		});
		if (!fresh) {
			return { ok: false, error: ErrorCode.conflict, message: 'this phone already counted' };
		}
		return counted(tx, found.need, 'phone', 'phone', at);
	});
}
