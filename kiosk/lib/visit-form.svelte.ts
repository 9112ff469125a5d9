/**
 * The visit form's state on the member's phone (/m/visit/<id> and the door card /h/<code>): the
 * needs rows, the photos uploaded so far (each goes to POST /api/photos?h=<household> as soon as
 * it is picked; the form then carries only ids), what is in flight, and the outcome — the tickets
 * of the needs, or one plain sentence. A refusal keeps everything the member entered.
 */
import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import { t } from '$lib/i18n/index.ts';
import { uploadPhoto } from '$lib/photo-upload.ts';

export const MAX_NEEDS = 5;
export const MAX_PHOTOS = 6;

export interface NeedRow {
	/** Stable across removals, for keyed rendering; the posted index is the row's position. */
	key: number;
	kind: WishKind;
	category: CategoryId;
}

/** What the visit action answers, success or refusal (kiosk/lib/visit-server.ts). */
interface Answer {
	ok?: boolean;
	tickets?: string[] | null;
	error?: string | null;
}

/** A Chinese sentence for a refusal's reason code. */
export function visitErrorText(code: string): string {
	const errors = t().visits.errors as Record<string, string>;
	return errors[code] ?? t().visits.errors.generic;
}

/** The category a new need starts with: one tap is enough when it fits. */
const FIRST_CATEGORY: Record<WishKind, CategoryId> = { wish: 'care', report: 'repair' };

export class VisitForm {
	needs = $state<NeedRow[]>([]);
	photoIds = $state<string[]>([]);
	uploading = $state(false);
	sending = $state(false);
	error = $state<string | null>(null);
	/** Set once the visit went through: the tickets of the wishes its needs became. */
	done = $state<string[] | null>(null);

	readonly householdId: number;
	#nextKey = 0;

	constructor(householdId: number) {
		this.householdId = householdId;
	}

	get busy(): boolean {
		return this.uploading || this.sending;
	}

	addNeed(kind: WishKind): void {
		if (this.needs.length >= MAX_NEEDS) return;
		this.needs.push({ key: this.#nextKey++, kind, category: FIRST_CATEGORY[kind] });
	}

	removeNeed(key: number): void {
		this.needs = this.needs.filter((n) => n.key !== key);
	}

	removePhoto(id: string): void {
		this.photoIds = this.photoIds.filter((p) => p !== id);
	}

	/** Uploads the picked files one by one; the first refusal stops and says why. */
	async addPhotos(input: HTMLInputElement): Promise<void> {
		const files = [...(input.files ?? [])];
		input.value = '';
		this.error = null;
		this.uploading = true;
		try {
			for (const file of files) {
				if (this.photoIds.length >= MAX_PHOTOS) {
					this.error = visitErrorText('too_many_photos');
					return;
				}
				const r = await uploadPhoto(String(this.householdId), file, 'h');
				if (!r.ok) {
					this.error = visitErrorText(r.error);
					return;
				}
				this.photoIds.push(r.id);
			}
		} finally {
			this.uploading = false;
		}
	}

	/** The enhance function of the form: nothing typed is reset; the outcome is shown in place. */
	submit: SubmitFunction = ({ cancel }) => {
		if (this.busy) return cancel();
		this.error = null;
		this.sending = true;
		return async ({ result }) => {
			this.sending = false;
			const answer = ('data' in result ? (result.data ?? {}) : {}) as Answer;
			if (result.type === 'success' && answer.ok) {
				this.done = answer.tickets ?? [];
				window.scrollTo({ top: 0 });
				// The household's card above now reads 本月已走访.
				await invalidateAll();
			} else {
				this.error = visitErrorText(answer.error ?? 'generic');
			}
		};
	};
}
