/**
 * The intake's draft and where the visitor is in it, shared by the kiosk and the phone page:
 * category → say it or write it → confirm (contact optional, from there) → done. Where the wish
 * goes is the sender's business; the step components only show this state and call its methods.
 */
import * as v from 'valibot';
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import { ErrorCode } from '$shared/errors.ts';
import { ContactNameSchema, ContactPhoneSchema, WishTextSchema } from '$shared/schemas/wishes.ts';
import { errorMessage } from './i18n/index.ts';
import type { IntakeSender } from './intake-senders.ts';
import { speaker } from './speech.svelte.ts';
import { transcriber } from './speech-to-text.ts';
import { VoiceRecorder } from './voice.svelte.ts';

export type IntakeStep = 'category' | 'say' | 'contact' | 'confirm' | 'done';

/** Where 返回 leads from each step; null leaves the intake. */
const PREVIOUS: Record<IntakeStep, IntakeStep | null> = {
	category: null,
	say: 'category',
	contact: 'confirm',
	confirm: 'say',
	done: null
};

/** The first failing rule's message, in the kiosk's language; null when the value is fine. */
function check(schema: v.GenericSchema<string, string>, value: string): string | null {
	const r = v.safeParse(schema, value);
	return r.success ? null : errorMessage(r.issues[0]?.message ?? 'generic');
}

export class IntakeDraft<R> {
	step = $state<IntakeStep>('category');
	category = $state<CategoryId | null>(null);
	text = $state('');
	contactName = $state('');
	contactPhone = $state('');
	/** What went wrong with the last step, as a sentence for the visitor. */
	error = $state<string | null>(null);
	sending = $state(false);
	receipt = $state<{ value: R } | null>(null);
	readonly recorder = new VoiceRecorder();

	#kind: () => WishKind;
	#sender: () => IntakeSender<R>;
	#onexit: () => void;

	/** Getters, so the draft always uses the component's current kind, sender and exit. */
	constructor(opts: { kind: () => WishKind; sender: () => IntakeSender<R>; onexit: () => void }) {
		this.#kind = opts.kind;
		this.#sender = opts.sender;
		this.#onexit = opts.onexit;
	}

	/** Back to the wall: the draft and the clip go with it (privacy). */
	leave(): void {
		this.recorder.discard();
		speaker.reset();
		this.#onexit();
	}

	go(next: IntakeStep): void {
		this.error = null;
		speaker.stop();
		if (next !== 'done') this.#sender().reset();
		this.step = next;
	}

	back(): void {
		const to = PREVIOUS[this.step];
		if (to) this.go(to);
		else this.leave();
	}

	choose(category: CategoryId): void {
		this.category = category;
		this.go('say');
	}

	addPhrase(phrase: string): void {
		this.text = this.text ? `${this.text}，${phrase}` : phrase;
	}

	finishSaying(): void {
		if (this.recorder.recording) return;
		if (this.text.trim().length === 0 && !this.recorder.clip) {
			this.error = errorMessage('empty_wish');
			return;
		}
		this.error = check(WishTextSchema, this.text);
		if (!this.error) this.#toConfirm();
	}

	/** After a recording: text from the transcriber when one is wired in (none is, today). */
	async recorded(): Promise<void> {
		const clip = this.recorder.clip;
		const heard = clip && !this.text.trim() ? await transcriber.transcribe(clip) : null;
		if (heard) this.text = heard;
		this.#toConfirm();
	}

	#toConfirm(): void {
		this.go('confirm');
		// Read the wish back: the clip itself, or the text through the speaker.
		if (this.recorder.clip) return;
		if (this.text.trim()) void speaker.text(this.text.trim());
	}

	finishContact(): void {
		this.error =
			check(ContactNameSchema, this.contactName.trim()) ??
			check(ContactPhoneSchema, this.contactPhone);
		if (!this.error) this.go('confirm');
	}

	skipContact(): void {
		this.contactName = '';
		this.contactPhone = '';
		this.go('confirm');
	}

	async submit(): Promise<void> {
		if (!this.category || this.sending) return;
		this.sending = true;
		this.error = null;
		speaker.stop();
		try {
			const r = await this.#sender().send({
				kind: this.#kind(),
				category: this.category,
				text: this.text,
				contactName: this.contactName,
				contactPhone: this.contactPhone,
				clip: this.recorder.clip
			});
			if (!r.ok) {
				this.error = r.message;
				return;
			}
			this.receipt = { value: r.receipt };
			this.go('done');
		} catch {
			this.error = errorMessage(ErrorCode.timeout);
		} finally {
			this.sending = false;
		}
	}
}
