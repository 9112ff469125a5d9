/**
 * Members: PINs (scrypt, via secrets.ts), sign-in with lockout, and sessions. A session is a random 256-bit token
 * kept by the phone in a cookie; the hub stores only its hash, so a copied database signs nobody in.
 */
import { ErrorCode } from '../../shared/errors.ts';
import type { Store } from '../store/store.ts';
import { type MemberRow, type WorkerPost } from '../store/members.ts';

import { addressKey, failureLimiter, type FailureLimiter } from '../infra/rate-limit.ts';
import { hashSecret, hashToken, newToken, verifySecret } from '../infra/secrets.ts';
import type { Outcome } from '../../shared/errors.ts';

export interface MemberTuning {
	/** Wrong PINs in a row before the member is locked. */
	maxPinFailures: number;
	lockMs: number;
	sessionMs: number;
}

export const DEFAULT_MEMBER_TUNING: MemberTuning = {
	maxPinFailures: 5,
	lockMs: 15 * 60_000,
	sessionMs: 30 * 86400_000
};

/**
 * What pages and other services may know about a signed-in phone account. One account may hold
 * both roles: a party member claims micro-wishes (/m, /c), a field worker takes the items sent to
 * their posts (/f).
 */
export interface Member {
	id: number;
	memberNo: string;
	displayName: string;
	siteSlug: string | null;
	siteName: string | null;
	party: boolean;
	/** The posts this account works for in the field; empty for a party member only. */
	posts: { id: number; name: string }[];
}

export function toMember(row: MemberRow, posts: readonly WorkerPost[] = []): Member {
	return {
		id: row.id,
		memberNo: row.member_no,
		displayName: row.display_name,
		siteSlug: row.site_slug,
		siteName: row.site_name,
		party: row.party === 1,
		posts: posts.map((p) => ({ id: p.post_id, name: p.post_name }))
	};
}

/** An account with its posts read in. */
async function memberWithPosts(store: Store, row: MemberRow): Promise<Member> {
	return toMember(row, await store.members.workerPosts([row.id]));
}

export type SignInResult =
	| { ok: true; token: string; member: Member; expiresAt: number }
	| { ok: false; error: typeof ErrorCode.badCredentials; attemptsLeft: number | null }
	| { ok: false; error: typeof ErrorCode.locked; lockedUntil: number }
	/** Too many failed sign-ins from this address, whichever members they tried. */
	| { ok: false; error: typeof ErrorCode.rateLimited; retryAt: number }
	| { ok: false; error: typeof ErrorCode.forbidden };

export function createMemberService(opts: {
	store: Store;
	now?: () => number;
	tuning?: Partial<MemberTuning>;
	/** Failed sign-ins per client address; absent: not limited by address. */
	perAddress?: FailureLimiter;
}) {
	const { store } = opts;
	const perAddress = opts.perAddress ?? failureLimiter(null);
	const now = opts.now ?? Date.now;
	const tuning = { ...DEFAULT_MEMBER_TUNING, ...opts.tuning };
	// Checked against when the member number is unknown, so a miss costs the same time as a hit.
	const decoy = hashSecret('000000');
	// Sign-ins of one member run one at a time: parallel guesses cannot all slip in before the lock.
	const perMember = new Map<string, Promise<unknown>>();

	function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
		const prev = perMember.get(key) ?? Promise.resolve();
		const next = prev.then(fn, fn);
		const tail = next.catch(() => undefined);
		perMember.set(key, tail);
		void tail.then(() => {
			if (perMember.get(key) === tail) perMember.delete(key);
		});
		return next;
	}

	async function attempt(memberNo: string, pin: string): Promise<SignInResult> {
		const at = now();
		const row = await store.members.memberByNo(memberNo);
		if (!row || !row.pin_hash) {
			await verifySecret(pin, await decoy);
			return { ok: false, error: ErrorCode.badCredentials, attemptsLeft: null };
		}
		if (row.locked_until !== null && row.locked_until > at) {
			return { ok: false, error: ErrorCode.locked, lockedUntil: row.locked_until };
		}
		const good = await verifySecret(pin, row.pin_hash);
		if (!good) {
			// A lock that has run out starts a fresh count.
			if (row.locked_until !== null) await store.members.clearPinFailures(row.id);
			const f = await store.members.recordPinFailure(
				row.id,
				tuning.maxPinFailures,
				at + tuning.lockMs
			);
			if (f.lockedUntil !== null && f.lockedUntil > at) {
				return { ok: false, error: ErrorCode.locked, lockedUntil: f.lockedUntil };
			}
			return {
				ok: false,
				error: ErrorCode.badCredentials,
				attemptsLeft: Math.max(0, tuning.maxPinFailures - f.failures)
			};
		}
		if (!row.active) return { ok: false, error: ErrorCode.forbidden };
		const token = newToken();
		const expiresAt = at + tuning.sessionMs;
		await store.transaction(async (tx) => {
			await tx.members.clearPinFailures(row.id);
			await tx.sessions.deleteExpiredSessions(at);
			await tx.sessions.insertSession(
				{ memberId: row.id, tokenHash: hashToken(token), expiresAt },
				at
			);
		});
		return { ok: true, token, member: await memberWithPosts(store, row), expiresAt };
	}

	return {
		tuning,

		/**
		 * Member number (case-insensitive) + PIN → a new session token. Inputs already validated.
		 * `from` is the client's address: too many failures from it refuse even a right PIN.
		 */
		async signIn(memberNo: string, pin: string, from?: string): Promise<SignInResult> {
			const key = from === undefined ? null : addressKey(from);
			const retryAt = key === null ? null : perAddress.begin(key);
			if (retryAt !== null) return { ok: false, error: ErrorCode.rateLimited, retryAt };
			const r = await serialized(memberNo, () => attempt(memberNo, pin));
			if (key !== null && r.ok) perAddress.succeeded(key);
			return r;
		},

		/** The active member a session token belongs to, or null (unknown, expired, deactivated). */
		async authenticate(token: string | undefined | null): Promise<Member | null> {
			if (!token || token.length > 128) return null;
			const memberId = await store.sessions.liveSessionMember(hashToken(token), now());
			if (memberId === undefined) return null;
			const row = await store.members.memberById(memberId);
			return row && row.active ? memberWithPosts(store, row) : null;
		},

		async signOut(token: string | undefined | null): Promise<void> {
			if (token && token.length <= 128) await store.sessions.deleteSession(hashToken(token));
		},

		/** Adds a member (CLI, admin screens). */
		async create(input: {
			memberNo: string;
			displayName: string;
			phone: string;
			siteSlug: string | null;
			skills: string;
			pin: string;
		}): Promise<Outcome<Member>> {
			const pinHash = await hashSecret(input.pin);
			return store.transaction(async (tx) => {
				const site = input.siteSlug ? await tx.sites.siteBySlug(input.siteSlug) : null;
				if (input.siteSlug && !site) {
					return { ok: false, error: ErrorCode.notFound, message: `no site ${input.siteSlug}` };
				}
				if (await tx.members.memberByNo(input.memberNo)) {
					return {
						ok: false,
						error: ErrorCode.conflict,
						message: `member number ${input.memberNo} is taken`
					};
				}
				const id = await tx.members.insertMember(
					{ ...input, siteId: site?.id ?? null, pinHash },
					now()
				);
				return { ok: true, value: toMember((await tx.members.memberById(id))!) };
			});
		},

		/** Deactivating also signs the member out everywhere. */
		async setActive(memberId: number, active: boolean): Promise<void> {
			await store.transaction(async (tx) => {
				await tx.members.setMemberActive(memberId, active);
				if (!active) await tx.sessions.deleteMemberSessions(memberId);
			});
		}
	};
}

export type MemberService = ReturnType<typeof createMemberService>;
