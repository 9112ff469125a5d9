/**
 * Signing up at the station kiosk for one date of one activity: the date (when there is a
 * choice), a name, a phone on the big keypad, a read-back, then the slip. The hub decides whether
 * a place is left; 'full' is the step that says it was not.
 */
import * as v from 'valibot';
import { ErrorCode } from '$shared/errors.ts';
import {
	SignupSchema,
	type SignupReceipt,
	type UpcomingActivity
} from '$shared/schemas/stations.ts';
import { t } from './i18n/index.ts';
import type { KioskSession } from './kiosk-session.svelte.ts';
import { stationOf } from './station-state.svelte.ts';
import { dateLabel, hhmm } from './station-times.ts';

export type SignupStep = 'date' | 'name' | 'phone' | 'confirm' | 'done' | 'full';

/** A sign-up refusal in the visitor's words; no answer from the hub reads as a connection problem. */
function message(code: string): string {
	const errors = t().activities.errors as Record<string, string>;
	return errors[code === ErrorCode.unavailable ? ErrorCode.timeout : code] ?? errors.generic!;
}

function check(schema: v.GenericSchema, value: unknown): string | null {
	const r = v.safeParse(schema, value);
	return r.success ? null : message(r.issues[0]?.message ?? 'generic');
}

export class SignupDraft {
	step = $state<SignupStep>('date');
	date = $state<string | null>(null);
	name = $state('');
	phone = $state('');
	error = $state<string | null>(null);
	sending = $state(false);
	receipt = $state<SignupReceipt | null>(null);

	#session: () => KioskSession;
	#activity: () => UpcomingActivity;
	#onback: () => void;

	/** Getters, so the draft always uses the component's current session, activity and exit. */
	constructor(opts: {
		session: () => KioskSession;
		activity: () => UpcomingActivity;
		onback: () => void;
	}) {
		this.#session = opts.session;
		this.#activity = opts.activity;
		this.#onback = opts.onback;
		// One date to choose from: skip the question.
		const only = this.activity.occurrences.length === 1 ? this.activity.occurrences[0] : null;
		if (only) {
			this.date = only.date;
			this.step = 'name';
		}
	}

	get activity(): UpcomingActivity {
		return this.#activity();
	}

	readonly station = $derived.by(() => stationOf(this.#session()));
	/** The list refreshes live; the dates offered are those of the freshest copy. */
	readonly current = $derived(
		this.station.activities.find((a) => a.id === this.activity.id) ?? this.activity
	);
	/** Dates still ahead with a place left. */
	readonly open = $derived(
		this.current.occurrences.filter(
			(o) => o.start > this.station.now && o.taken < (this.current.capacity ?? 0)
		)
	);
	readonly chosen = $derived(this.current.occurrences.find((o) => o.date === this.date) ?? null);

	readonly title = $derived.by(() => {
		const a = t().activities;
		const titles: Record<SignupStep, string> = {
			date: a.dateTitle,
			name: a.nameTitle,
			phone: a.phoneTitle,
			confirm: a.confirmTitle,
			done: a.doneTitle,
			full: a.fullTitle
		};
		return titles[this.step];
	});
	/** 今天 09:00–11:00 for the chosen date; empty before one is chosen. */
	readonly when = $derived(
		this.chosen ? `${dateLabel(this.chosen.start, this.station.now)}–${hhmm(this.chosen.end)}` : ''
	);
	/** What 读给我听 says on this step. */
	readonly spoken = $derived(
		this.step === 'confirm' || this.step === 'done'
			? `${this.title}。${this.activity.title}，${this.when}，${this.activity.place}。`
			: this.step === 'full'
				? `${this.title}。${t().activities.fullHint}`
				: this.title
	);

	chooseDate(date: string): void {
		this.date = date;
		this.step = 'name';
	}

	/** After 名额已满: back to the dates, to pick another. */
	otherDate(): void {
		this.date = null;
		this.step = 'date';
	}

	next(): void {
		if (this.step === 'name') {
			this.error = check(SignupSchema.entries.name, this.name);
			if (!this.error) this.step = 'phone';
		} else if (this.step === 'phone') {
			this.error = check(SignupSchema.entries.phone, this.phone);
			if (!this.error) this.step = 'confirm';
		}
	}

	back(): void {
		this.error = null;
		if (this.step === 'confirm') this.step = 'phone';
		else if (this.step === 'phone') this.step = 'name';
		else if (this.step === 'name' && this.activity.occurrences.length > 1) this.step = 'date';
		else this.#onback();
	}

	async submit(): Promise<void> {
		if (!this.date || this.sending) return;
		this.sending = true;
		this.error = null;
		const r = await this.station.signup({
			activityId: this.activity.id,
			date: this.date,
			name: this.name.trim(),
			phone: this.phone
		});
		this.sending = false;
		if (r.ok) {
			this.receipt = r.value;
			this.step = 'done';
		} else if (r.error === ErrorCode.full) {
			this.step = 'full';
			void this.station.loadActivities();
		} else {
			this.error = message(
				r.error === ErrorCode.invalidPayload
					? (r.issues?.[0]?.split(': ').pop() ?? 'generic')
					: r.error
			);
		}
	}
}
