/**
 * 查进度 / 评价 at the kiosk, for residents without a phone: the ticket number, then the last 4
 * digits of the phone they gave (or the slip's track code) as proof, then the wish's progress and
 * the rating. Lives only while the screen is open: nothing is kept once the visitor leaves.
 */
import * as v from 'valibot';
import { formatTicket, normalizeCode } from '$shared/domain/codes.ts';
import { ratingAction } from '$shared/domain/wish.ts';
import { ErrorCode } from '$shared/errors.ts';
import { TrackLookupSchema, type TrackLookup, type TrackView } from '$shared/schemas/members.ts';
import { chainLabel, lastDone } from './components/track/chain-words.ts';
import { fill, t } from './i18n/index.ts';
import type { KioskSession } from './kiosk-session.svelte.ts';
import { speaker } from './speech.svelte.ts';
import { lookup, rate } from './track-client.ts';

export type TrackStep = 'ticket' | 'last4' | 'code' | 'result' | 'thanks';

function message(code: string): string {
	const errors = t().track.errors as Record<string, string>;
	return errors[code] ?? errors.generic!;
}

export class KioskTrack {
	step = $state<TrackStep>('ticket');
	chosenLetter = $state<string | null>(null);
	digits = $state('');
	last4 = $state('');
	code = $state('');
	view = $state<TrackView | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	stars = $state(0);
	phrase = $state('');
	/** What found the wish, sent again with the rating. */
	#proof: TrackLookup | null = null;
	#session: () => KioskSession;
	#onexit: () => void;

	/** Getters, so the screen always uses the component's current session and exit. */
	constructor(opts: { session: () => KioskSession; onexit: () => void }) {
		this.#session = opts.session;
		this.#onexit = opts.onexit;
	}

	get #ownPrefix(): string {
		return this.#session().hello?.ticketPrefix ?? 'A';
	}

	readonly prefix = $derived(this.chosenLetter ?? this.#ownPrefix);
	// The kiosk's own prefix first: most people come back to the machine that printed their slip.
	readonly letters = $derived.by(() => {
		const own = this.#ownPrefix;
		return [own, ...[...'ABCDEFGH'].filter((l) => l !== own)];
	});
	readonly ticketNo = $derived(
		this.digits ? formatTicket(this.prefix, Number(this.digits)) : `${this.prefix}-`
	);
	/** A poor rating (it reopens the wish) asks what went wrong. */
	readonly poor = $derived(this.stars > 0 && ratingAction(this.stars) === 'rate_poor');

	go(next: TrackStep): void {
		this.error = null;
		this.step = next;
	}

	leave(): void {
		speaker.stop();
		this.#onexit();
	}

	back(): void {
		if (this.step === 'last4' || this.step === 'code') this.go('ticket');
		else this.leave();
	}

	findByPhone(): Promise<void> {
		return this.#find({ ticketNo: this.ticketNo, phoneLast4: this.last4 });
	}

	findByCode(): Promise<void> {
		return this.#find({ ticketNo: this.ticketNo, trackCode: normalizeCode(this.code) });
	}

	async #find(q: TrackLookup): Promise<void> {
		const parsed = v.safeParse(TrackLookupSchema, q);
		if (!parsed.success) {
			this.error = message(parsed.issues[0]?.message ?? 'generic');
			return;
		}
		this.busy = true;
		const r = await lookup(this.#session(), parsed.output);
		this.busy = false;
		if (!r.ok) {
			this.error = message(r.message === ErrorCode.timeout ? ErrorCode.timeout : r.error);
			return;
		}
		this.#proof = parsed.output;
		this.view = r.value;
		this.stars = 0;
		this.phrase = '';
		this.go('result');
	}

	async sendRating(): Promise<void> {
		if (!this.#proof || this.stars === 0) {
			this.error = message('bad_stars');
			return;
		}
		this.busy = true;
		const comment = ratingAction(this.stars) === 'rate_poor' ? this.phrase : '';
		const r = await rate(this.#session(), { lookup: this.#proof, stars: this.stars, comment });
		this.busy = false;
		if (!r.ok) {
			this.error = message(r.message === ErrorCode.timeout ? ErrorCode.timeout : r.error);
			return;
		}
		this.view = r.value;
		this.go('thanks');
	}

	/**
	 * Reads the status (and who helps) aloud, made from this wish's own words; a report reads the
	 * last step of its chain (网格员已到场, 何师傅).
	 */
	speakStatus(): void {
		if (!this.view) return;
		const step = this.view.chain ? lastDone(this.view.chain) : null;
		if (step) {
			let said = fill(t().track.spokenReport, {
				ticket: this.view.ticketNo,
				step: chainLabel(step)
			});
			if (step.worker) said += fill(t().track.spokenWorker, { worker: step.worker });
			void speaker.text(said, 'text:track-status');
			return;
		}
		let text = fill(t().track.spokenStatus, {
			ticket: this.view.ticketNo,
			status: t().status[this.view.status]
		});
		if (this.view.helperName) text += fill(t().track.spokenHelper, { name: this.view.helperName });
		void speaker.text(text, 'text:track-status');
	}
}
