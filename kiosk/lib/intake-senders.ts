/**
 * Where a finished draft goes. The kiosk makes id, ticket and codes itself and submits over its
 * socket; the phone page posts to the hub, which makes them. Either way a voice clip goes over
 * HTTP keyed by the wish id (voice.svelte.ts).
 */
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import type { PhoneReceipt, PhoneWish, WishSubmit } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { errorMessage, t } from '$lib/i18n/index.ts';
import type { KioskSession } from '$lib/kiosk-session.svelte.ts';
import { uploadVoice, type VoiceClip } from '$lib/voice.svelte.ts';

export interface IntakeDraft {
	kind: WishKind;
	category: CategoryId;
	text: string;
	contactName: string;
	contactPhone: string;
	clip: VoiceClip | null;
}

export type SendResult<R> = { ok: true; receipt: R } | { ok: false; message: string };

export interface IntakeSender<R> {
	/** The draft changed: the next send is a new submission. */
	reset(): void;
	send(draft: IntakeDraft): Promise<SendResult<R>>;
}

const voiceOf = (clip: VoiceClip | null) =>
	clip ? { durationMs: clip.durationMs, mime: clip.mime } : null;

/** What the kiosk's done screen needs: the wish, and whether the hub has it yet. */
export interface KioskReceipt {
	wish: WishSubmit;
	/** False when the wish is safe on the kiosk but not yet on the hub: the slip says 待同步. */
	synced: boolean;
}

/**
 * Kiosk: prepared once per draft, so a retry keeps its id, ticket and codes (idempotent). The wish
 * (and its clip) is kept on the kiosk before anything is said, so "submitted" is never wrong.
 */
export function kioskSender(session: KioskSession): IntakeSender<KioskReceipt> {
	let prepared: WishSubmit | null = null;
	return {
		reset: () => (prepared = null),
		async send(draft) {
			prepared ??= session.prepare({ ...draft, voice: voiceOf(draft.clip) });
			const wish = prepared;
			const r = await session.submit(wish, draft.clip?.blob ?? null);
			if (r.state === 'rejected') return { ok: false, message: errorMessage(r.error) };
			return { ok: true, receipt: { wish, synced: r.state === 'synced' } };
		}
	};
}

/** Phone: the hub makes the wish; the clip follows, allowed for a short while after. */
export function phoneSender(site: string): IntakeSender<PhoneReceipt> {
	let sent: PhoneReceipt | null = null;
	return {
		reset: () => (sent = null),
		async send(draft) {
			if (!sent) {
				const body: PhoneWish = {
					kind: draft.kind,
					category: draft.category,
					text: draft.text.trim(),
					voice: voiceOf(draft.clip),
					contactName: draft.contactName.trim(),
					contactPhone: draft.contactPhone
				};
				let res: Response;
				try {
					res = await fetch(`/w/${encodeURIComponent(site)}/submit`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body)
					});
				} catch {
					return { ok: false, message: errorMessage(ErrorCode.timeout) };
				}
				const answer = (await res.json().catch(() => null)) as
					{ ok: true; receipt: PhoneReceipt } | { ok: false; error: string } | null;
				if (!answer?.ok) {
					const code = answer?.error ?? 'generic';
					return {
						ok: false,
						message: code === ErrorCode.rateLimited ? t().phone.rateLimited : errorMessage(code)
					};
				}
				sent = answer.receipt;
			}
			if (draft.clip && !(await uploadVoice(sent.id, draft.clip, {})))
				return { ok: false, message: t().voice.uploadFailed };
			return { ok: true, receipt: sent };
		}
	};
}
