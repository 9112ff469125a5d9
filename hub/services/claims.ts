/**
 * The member side of a wish: look at it by its claim code, claim it (exactly one winner), move it
 * on (已联系 → 进行中 → 已完成 with a note and an optional photo) or release it. Every command takes
 * the session token and checks it itself, so no page can forget to. All changes go through act().
 */
import { ErrorCode } from '../../shared/errors.ts';
import { isHeld, isWaiting, type WishStatus } from '../../shared/domain/wish.ts';
import type { PublicWish } from '../../shared/schemas/wishes.ts';
import type { TrackView } from '../../shared/schemas/members.ts';
import type { Repos, Store } from '../store/store.ts';

import { type PhotoMime } from '../store/photos.ts';

import { type WishRow } from '../store/wishes.ts';
import { lookUpFrom } from './code-lookups.ts';
import { keepPhoto, readPhoto } from './photo-files.ts';
import type { Member, MemberService } from './members.ts';
import { failureLimiter, type FailureLimiter } from '../infra/rate-limit.ts';
import { timeline } from './tracking.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { WishService } from './wishes/service.ts';

export { MAX_PHOTO_BYTES, PHOTO_DIR, sniffImage } from './photo-files.ts';

/** A wish as a member sees it. The resident's contact is there only for the member holding it. */
export interface ClaimView {
	wishId: string;
	claimCode: string;
	ticketNo: string;
	kind: WishRow['kind'];
	category: WishRow['category'];
	text: string;
	voiceMs: number | null;
	siteName: string;
	createdAt: number;
	status: WishStatus;
	helperName: string | null;
	mine: boolean;
	canClaim: boolean;
	contact: { name: string; phone: string } | null;
	notes: TrackView['notes'];
}

export type Step = 'contact' | 'start' | 'resolve';

/** A photo may go with a change only once, by who took it, on the wish it was taken for. */
export async function photoUsable(
	tx: Repos,
	photoId: string,
	wishId: string,
	memberId: number
): Promise<{ error: ErrorCode; message: string } | null> {
	const photo = await tx.photos.photoById(photoId);
	const usable =
		photo &&
		photo.wish_id === wishId &&
		photo.member_id === memberId &&
		photo.attached_seq === null;
	return usable ? null : { error: ErrorCode.notFound, message: 'no such photo' };
}

const unauthorized = {
	ok: false,
	error: ErrorCode.unauthorized,
	message: 'sign in first'
} as const;

export function createClaimService(opts: {
	store: Store;
	wishes: WishService;
	members: MemberService;
	dataDir: string;
	now?: () => number;
	/** Unknown codes looked up per client address (see code-lookups.ts); absent: no limit. */
	codeMisses?: FailureLimiter;
}) {
	const { store, wishes, members } = opts;
	const codeMisses = opts.codeMisses ?? failureLimiter(null);
	const now = opts.now ?? Date.now;

	async function toView(row: WishRow, member: Member | null): Promise<ClaimView> {
		const mine = member !== null && row.member_id === member.id;
		const site = await store.sites.siteById(row.site_id);
		return {
			wishId: row.id,
			claimCode: row.claim_code,
			ticketNo: row.ticket_no,
			kind: row.kind,
			category: row.category,
			text: row.text,
			voiceMs: row.voice_ms,
			siteName: site?.name ?? '',
			createdAt: row.created_at,
			status: row.status,
			helperName: row.member_name ?? row.post_name,
			mine,
			canClaim: row.kind === 'wish' && isWaiting(row.status),
			contact: mine ? { name: row.contact_name, phone: row.contact_phone } : null,
			notes: mine ? timeline(await store.notes.wishLog(row.id)).notes : []
		};
	}

	const actor = (m: Member) => `member:${m.memberNo}`;

	async function mayUpload(
		token: string | null | undefined,
		claimCode: string
	): Promise<Outcome<{ member: Member; row: WishRow }>> {
		const member = await members.authenticate(token);
		if (!member) return unauthorized;
		const row = await store.wishes.wishByCode('claim_code', claimCode);
		if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
		// The member holding a wish, or the field worker who took the hop it is on.
		const holds = row.member_id === member.id || row.hop_worker_id === member.id;
		if (!holds || !isHeld(row.status)) {
			return { ok: false, error: ErrorCode.notYours, message: 'this wish is not held by you' };
		}
		return { ok: true, value: { member, row } };
	}

	/** Only the member holding the wish may move it on; checked inside the transaction. */
	const holderOnly = (m: Member) => async (_tx: unknown, row: WishRow) =>
		row.member_id === m.id
			? null
			: { error: ErrorCode.notYours, message: 'this wish is not held by you' };

	return {
		/** Anyone with the claim code sees the wish; only its holder sees the resident's contact. */
		async view(claimCode: string, token?: string | null): Promise<ClaimView | null> {
			const row = await store.wishes.wishByCode('claim_code', claimCode);
			if (!row) return null;
			return toView(row, await members.authenticate(token));
		},

		/** view() for a phone at address `from`: unknown codes count towards its limit. */
		visit(from: string, claimCode: string, token?: string | null): Promise<Outcome<ClaimView>> {
			return lookUpFrom(codeMisses, from, async () => {
				const row = await store.wishes.wishByCode('claim_code', claimCode);
				return row ? toView(row, await members.authenticate(token)) : null;
			});
		},

		/**
		 * One transaction whose UPDATE only matches a waiting wish: of any number of members pressing
		 * at once exactly one wins; the others get already_claimed with the winner's name.
		 */
		async claim(token: string | null | undefined, claimCode: string): Promise<Outcome<ClaimView>> {
			const member = await members.authenticate(token);
			if (!member) return unauthorized;
			const row = await store.wishes.wishByCode('claim_code', claimCode);
			if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
			let firstResponse: number | null = null;
			const r = await wishes.act({
				wishId: row.id,
				action: 'claim',
				actor: actor(member),
				data: { memberId: member.id },
				async guard(tx, current) {
					if (!member.party) {
						return { error: ErrorCode.forbidden, message: 'only party members claim wishes' };
					}
					if (current.kind !== 'wish') {
						return {
							error: ErrorCode.forbidden,
							message: 'problem reports are dispatched by the desk'
						};
					}
					if (isHeld(current.status)) {
						return {
							error: ErrorCode.alreadyClaimed,
							message: current.member_name ?? current.post_name ?? ''
						};
					}
					firstResponse = (await tx.notes.wishDetails(current.id))?.responded_at ?? null;
					return null;
				},
				// Response time counts to the first claim; a re-claim after a release keeps it.
				patch: () => ({ member_id: member.id, responded_at: firstResponse ?? now() })
			});
			if (!r.ok) {
				// The same member tapping twice already holds it: show it, do not scold.
				const current = await store.wishes.wishByCode('claim_code', claimCode);
				if (current && current.member_id === member.id) {
					return { ok: true, value: await toView(current, member) };
				}
				return r;
			}
			return {
				ok: true,
				value: await toView((await store.wishes.wishByCode('claim_code', claimCode))!, member)
			};
		},

		/** 已联系 / 进行中 / 已完成. A resolve needs a note (checked by the schema) and may carry a photo. */
		async progress(
			token: string | null | undefined,
			claimCode: string,
			step: Step,
			note: string,
			photoId: string | null = null
		): Promise<Outcome<PublicWish>> {
			const member = await members.authenticate(token);
			if (!member) return unauthorized;
			const row = await store.wishes.wishByCode('claim_code', claimCode);
			if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
			const mayAct = holderOnly(member);
			return wishes.act({
				wishId: row.id,
				action: step,
				actor: actor(member),
				data: { memberId: member.id, note, ...(photoId ? { photoId } : {}) },
				async guard(tx, current) {
					const refused = await mayAct(tx, current);
					if (refused || !photoId) return refused;
					return photoUsable(tx, photoId, current.id, member.id);
				},
				patch: step === 'resolve' ? { resolved_at: now() } : {},
				async after(tx, seq) {
					if (photoId) await tx.photos.attachPhoto(photoId, seq);
				}
			});
		},

		/** Gives the wish back to the wall with a reason the desk can read. */
		async release(
			token: string | null | undefined,
			claimCode: string,
			reason: string
		): Promise<Outcome<PublicWish>> {
			const member = await members.authenticate(token);
			if (!member) return unauthorized;
			const row = await store.wishes.wishByCode('claim_code', claimCode);
			if (!row) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
			return wishes.act({
				wishId: row.id,
				action: 'release',
				actor: actor(member),
				data: { memberId: member.id, reason },
				guard: holderOnly(member),
				patch: { member_id: null }
			});
		},

		/** The member's home screen: what they hold, what they finished lately, what waits at home. */
		async mine(token: string | null | undefined) {
			const member = await members.authenticate(token);
			if (!member) return null;
			const held = await store.wishes.memberWishes(member.id, now());
			const site = member.siteSlug ? await store.sites.siteBySlug(member.siteSlug) : undefined;
			const waiting = site ? await store.wishes.waitingWishesAt(site.id) : [];
			const brief = (w: WishRow) => ({
				claimCode: w.claim_code,
				category: w.category,
				text: w.text,
				voiceMs: w.voice_ms,
				status: w.status,
				createdAt: w.created_at,
				updatedAt: w.updated_at
			});
			return {
				member,
				active: held.filter((w) => isHeld(w.status)).map(brief),
				done: held.filter((w) => !isHeld(w.status)).map(brief),
				waiting: waiting.map(brief)
			};
		},

		/**
		 * Stores a photo for a wish the member holds. The bytes decide the type; anything that is not
		 * a JPEG, PNG or WebP, or is over 5 MB, is refused before a file is written.
		 */
		/** Checked before a photo's bytes are read, so strangers cannot make the hub take 5 MB. */
		async checkUpload(token: string | null | undefined, claimCode: string): Promise<Outcome<null>> {
			const r = await mayUpload(token, claimCode);
			return r.ok ? { ok: true, value: null } : r;
		},

		async storePhoto(
			token: string | null | undefined,
			claimCode: string,
			bytes: Uint8Array
		): Promise<Outcome<{ id: string }>> {
			const may = await mayUpload(token, claimCode);
			if (!may.ok) return may;
			const { member, row } = may.value;
			return keepPhoto(opts.dataDir, bytes, (p) =>
				store.photos.insertPhoto({
					id: p.id,
					wish_id: row.id,
					member_id: member.id,
					mime: p.mime,
					bytes: p.bytes,
					file: p.file,
					created_at: now()
				})
			);
		},

		/**
		 * A photo's bytes for someone who may see its wish: the resident (track code), or the member
		 * who took it. Anyone else gets null, the same as for a photo that does not exist.
		 */
		async photo(
			id: string,
			by: { trackCode?: string | null; token?: string | null }
		): Promise<{ mime: PhotoMime; bytes: Buffer } | null> {
			const photo = await store.photos.photoById(id);
			if (!photo) return null;
			const row = await store.wishes.wishById(photo.wish_id);
			let allowed = Boolean(by.trackCode && row && row.track_code === by.trackCode);
			if (!allowed && by.token) {
				const member = await members.authenticate(by.token);
				allowed = member !== null && member.id === photo.member_id;
			}
			if (!allowed) return null;
			return { mime: photo.mime, bytes: await readPhoto(opts.dataDir, photo.file) };
		}
	};
}

export type ClaimService = ReturnType<typeof createClaimService>;
