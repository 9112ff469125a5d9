/**
 * Where a finished draft goes. The kiosk makes id, ticket and codes itself and submits over its
 * socket; the phone page posts to the hub, which makes them. Either way a voice clip goes over
 * HTTP keyed by the wish id (voice.svelte.ts).
 */
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import type { PhoneReceipt, PhoneWish, WishSubmit } from '$shared/schemas.ts';
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

/** Kiosk: prepared once per draft, so a retry keeps its id, ticket and codes (idempotent). */
export function kioskSender(session: KioskSession): IntakeSender<WishSubmit> {
	let prepared: WishSubmit | null = null;
	return {
		reset: () => (prepared = null),
		async send(draft) {
			prepared ??= session.prepare({ ...draft, voice: voiceOf(draft.clip) });
			const wish = prepared;
			// The clip first: when the wish shows on the desk, its voice is already there.
			if (draft.clip && !(await uploadVoice(wish.id, draft.clip, { token: session.token })))
				return { ok: false, message: t().voice.uploadFailed };
			const r = await session.submit(wish);
			if (!r.ok)
				return { ok: false, message: errorMessage(r.message === 'timeout' ? 'timeout' : r.error) };
			return { ok: true, receipt: wish };
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
					return { ok: false, message: errorMessage('timeout') };
				}
				const answer = (await res.json().catch(() => null)) as
					{ ok: true; receipt: PhoneReceipt } | { ok: false; error: string } | null;
				if (!answer?.ok) {
					const code = answer?.error ?? 'generic';
					return {
						ok: false,
						message: code === 'rate_limited' ? t().phone.rateLimited : errorMessage(code)
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
