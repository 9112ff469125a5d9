/**
 * The field page's step forms (接单, 已到场, 开始维修, 现场情况, 已修好 / 已处理, 转回指挥中心): what
 * goes before the post (the location, the photo upload), which step is in flight, and the one
 * line the worker reads afterwards. A refused step changes nothing and the list is read again, so
 * the worker always acts on the item as it is now.
 */
import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';
import { ErrorCode } from '$shared/errors.ts';
import type { FieldItem } from '$shared/schemas/field.ts';
import { fill, t } from '$lib/i18n/index.ts';
import { takePhoto, uploadPhoto } from '$lib/photo-upload.ts';
import { locate } from './locate.ts';

/** The steps the phone sends; each is a form action of /f. */
export type FieldAction = 'accept' | 'arrive' | 'start' | 'findings' | 'fixed' | 'handBack';

export interface FieldNotice {
	wishId: string;
	good: boolean;
	text: string;
}

/** What a step's form action answers (success or refusal alike). */
interface StepAnswer {
	action?: FieldAction;
	error?: string | null;
	name?: string | null;
	located?: boolean | null;
}

type Phase = 'locating' | 'uploading' | 'sending';

export function refusalText(error: string, name: string | null | undefined): string {
	const f = t().field;
	if (error === ErrorCode.alreadyClaimed) return fill(f.alreadyClaimed, { name: name ?? '' });
	const errors = f.errors as Record<string, string>;
	return errors[error] ?? f.errors.generic;
}

export class FieldForms {
	/** The item and step in flight: every step button waits while one is. */
	busy = $state<{ wishId: string; action: FieldAction; phase: Phase } | null>(null);
	notice = $state<FieldNotice | null>(null);
	/** Which item's form is open below its buttons (findings, fixed on the spot, hand back). */
	open = $state<{ wishId: string; form: 'findings' | 'fixedOnSpot' | 'handBack' } | null>(null);

	/** Says why arrival has no location, in the words the page showed the worker. */
	#locationNote = '';

	/**
	 * The enhance function of one step's form. `after` runs once the step went through and the
	 * list was read again (e.g. 接单 opens the item).
	 */
	submit(
		action: FieldAction,
		item: Pick<FieldItem, 'wishId' | 'claimCode'>,
		after?: () => unknown
	): SubmitFunction {
		return async ({ formData, cancel }) => {
			this.notice = null;
			const wishId = item.wishId;
			const busy = (phase: Phase) => (this.busy = { wishId, action, phase });
			if (action === 'arrive') {
				busy('locating');
				const at = await locate();
				if (at.ok) {
					formData.set('lat', String(at.lat));
					formData.set('lng', String(at.lng));
					formData.set('accuracyM', String(at.accuracyM));
				} else {
					this.#locationNote = t().field.location[at.why];
					formData.set('locationNote', this.#locationNote);
				}
			}
			const file = takePhoto(formData);
			if (file) {
				busy('uploading');
				const photo = await uploadPhoto(item.claimCode, file);
				if (!photo.ok) {
					this.notice = { wishId, good: false, text: refusalText(photo.error, null) };
					this.busy = null;
					cancel();
					return;
				}
				formData.set('photoId', photo.id);
			}
			busy('sending');
			return async ({ result, update }) => {
				try {
					if (result.type === 'success') {
						const answer = (result.data ?? {}) as StepAnswer;
						this.notice = { wishId, good: true, text: this.#doneText(action, answer) };
						this.open = null;
						await update();
						await after?.();
					} else if (result.type === 'failure') {
						const answer = (result.data ?? {}) as StepAnswer;
						this.notice = {
							wishId,
							good: false,
							text: refusalText(answer.error ?? ErrorCode.internal, answer.name)
						};
						// Keep what the worker typed; show the item as it is now.
						await invalidateAll();
					} else {
						await update();
					}
				} finally {
					this.busy = null;
				}
			};
		};
	}

	#doneText(action: FieldAction, answer: StepAnswer): string {
		const f = t().field;
		switch (action) {
			case 'accept':
				return f.accepted;
			case 'arrive':
				return answer.located ? f.arrived : fill(f.arrivedNoLocation, { why: this.#locationNote });
			case 'start':
				return f.started;
			case 'findings':
				return f.findingsSent;
			case 'fixed':
				return f.fixedDone;
			case 'handBack':
				return f.handedBack;
		}
	}

	/** The label a step's button shows while it is in flight, or null when it is not. */
	pending(wishId: string, action: FieldAction): string | null {
		const b = this.busy;
		if (!b || b.wishId !== wishId || b.action !== action) return null;
		const f = t().field;
		if (b.phase === 'locating') return f.locating;
		if (b.phase === 'uploading') return f.uploading;
		return action === 'accept' ? f.accepting : f.sending;
	}
}
