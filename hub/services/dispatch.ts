/**
 * The desk's work on items: the queue's data, one item's history, and the dispatcher's actions.
 * Every action is hub/services/wishes.ts act(): one transaction with the change, one event and
 * one audit row, broadcast after COMMIT. Inputs are validated by the caller (socket or form).
 */
import { ErrorCode } from '../../shared/errors.ts';
import { formatTicket, newCode, newWishId } from '../../shared/domain/codes.ts';
import type { EditAction, WishAction } from '../../shared/domain/wish.ts';
import type { SlaPolicies } from '../../shared/domain/sla.ts';
import {
	DESK_TICKET_PREFIX,
	type CategorySettings,
	type DeskDispatch,
	type DeskItem,
	type DeskItemDetail,
	type DeskSettings,
	type DeskSubmit,
	type StaffPrincipal
} from '../../shared/schemas/desk.ts';

import type { WishPatch } from '../store/wishes.ts';
import type { Store, Repos } from '../store/store.ts';
import { requireRole } from './staff/roles.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { WishService } from './wishes/service.ts';

const DUPLICATE_WINDOW_MS = 7 * 86400_000;

/** Character-bigram (Dice) similarity, 0..1: works for Chinese text without a word splitter. */
export function textSimilarity(a: string, b: string): number {
	const grams = (s: string) => {
		const chars = Array.from(s.replace(/[\s\p{P}]/gu, ''));
		const out = new Map<string, number>();
		if (chars.length === 1) out.set(chars[0]!, 1);
		for (let i = 0; i + 1 < chars.length; i++) {
			const g = chars[i]! + chars[i + 1]!;
			out.set(g, (out.get(g) ?? 0) + 1);
		}
		return out;
	};
	const ga = grams(a);
	const gb = grams(b);
	let shared = 0;
	let total = 0;
	for (const [g, n] of ga) {
		shared += Math.min(n, gb.get(g) ?? 0);
		total += n;
	}
	for (const n of gb.values()) total += n;
	return total === 0 ? 0 : (2 * shared) / total;
}

export function policiesFrom(settings: CategorySettings[]): SlaPolicies {
	return Object.fromEntries(
		settings.map((s) => [
			s.category,
			{
				responseHours: s.responseHours,
				urgentHours: s.urgentHours,
				resolutionHours: s.resolutionHours
			}
		])
	) as SlaPolicies;
}

/** What audit rows keep of an item: the fields desk actions change. */
function auditView(item: DeskItem | null) {
	if (!item) return null;
	return {
		status: item.status,
		category: item.category,
		urgent: item.urgent,
		postId: item.postId,
		memberId: item.memberId,
		rejectReason: item.rejectReason,
		mergedInto: item.mergedInto
	};
}

interface DeskActInput {
	wishId: string;
	action: WishAction | EditAction;
	/** Audit vocabulary, e.g. "wish.dispatch". */
	audit: string;
	patch?: (before: DeskItem, at: number) => WishPatch;
	data?: Record<string, unknown>;
	/** Extra checks inside the transaction (the target of a dispatch or merge exists, …). */
	check?: (tx: Repos, before: DeskItem) => Promise<{ error: ErrorCode; message: string } | null>;
}

export interface DispatchOptions {
	store: Store;
	wishes: WishService;
	now?: () => number;
}

export function createDispatchService(opts: DispatchOptions) {
	const { store, wishes } = opts;
	const now = opts.now ?? Date.now;

	async function deskAct(by: StaffPrincipal, input: DeskActInput): Promise<Outcome<DeskItem>> {
		const refused = requireRole(by, 'dispatcher');
		if (refused) return refused;
		const at = now();
		let before: DeskItem | null = null;
		const r = await wishes.act({
			wishId: input.wishId,
			// The wish service's action vocabulary includes desk edits (see shared/domain/wish.ts).
			action: input.action as WishAction,
			actor: `staff:${by.id}`,
			at,
			data: input.data,
			async guard(tx) {
				before = await tx.deskItems.deskItemById(input.wishId);
				if (!before) return { error: ErrorCode.notFound, message: 'no such wish' };
				return input.check ? input.check(tx, before) : null;
			},
			patch: () => (input.patch && before ? input.patch(before, at) : {}),
			async after(tx) {
				await tx.audit.appendAudit({
					staffId: by.id,
					action: input.audit,
					targetType: 'wish',
					targetId: input.wishId,
					before: auditView(before),
					after: auditView(await tx.deskItems.deskItemById(input.wishId)),
					at
				});
			}
		});
		if (!r.ok) return r;
		return { ok: true, value: (await store.deskItems.deskItemById(input.wishId))! };
	}

	async function policies(q: Repos): Promise<SlaPolicies> {
		return policiesFrom(await q.settings.categorySettings());
	}

	/** The next desk ticket (DK-0001, …), read inside the transaction that uses it. */
	async function nextDeskTicket(q: Repos): Promise<string> {
		return formatTicket(
			DESK_TICKET_PREFIX,
			(await q.tickets.lastTicketWithPrefix(DESK_TICKET_PREFIX)) + 1
		);
	}

	return {
		/** Everything unfinished with the settings the clocks need; the page decides what to show. */
		async board(by: StaffPrincipal): Promise<
			Outcome<{
				items: DeskItem[];
				policies: SlaPolicies;
				settings: DeskSettings;
				sites: { slug: string; name: string }[];
				posts: { id: number; name: string; siteSlug: string | null }[];
				members: { id: number; memberNo: string; name: string; siteSlug: string | null }[];
			}>
		> {
			const refused = requireRole(by, 'dispatcher');
			if (refused) return refused;
			return store.transaction(async (tx) => ({
				ok: true as const,
				value: {
					items: await tx.deskItems.unfinishedItems(),
					policies: await policies(tx),
					settings: await tx.settings.deskSettings(),
					sites: (await tx.sites.listSites()).map(({ slug, name }) => ({ slug, name })),
					posts: (await tx.posts.listPosts())
						.filter((p) => p.active === 1)
						.sort((a, b) => a.id - b.id)
						.map((p) => ({ id: p.id, name: p.name, siteSlug: p.site_slug })),
					members: (await tx.members.listMembers())
						.filter((m) => m.active === 1)
						.map((m) => ({
							id: m.id,
							memberNo: m.member_no,
							name: m.display_name,
							siteSlug: m.site_slug
						}))
				}
			}));
		},

		async search(by: StaffPrincipal, q: string): Promise<Outcome<DeskItem[]>> {
			const refused = requireRole(by, 'dispatcher');
			if (refused) return refused;
			const term = q.trim().slice(0, 50);
			if (!term) return { ok: true, value: [] };
			return { ok: true, value: await store.deskItems.searchItems(term) };
		},

		async detail(by: StaffPrincipal, wishId: string): Promise<Outcome<DeskItemDetail>> {
			const refused = requireRole(by, 'dispatcher');
			if (refused) return refused;
			return store.transaction(async (tx) => {
				const item = await tx.deskItems.deskItemById(wishId);
				if (!item) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
				return {
					ok: true,
					value: {
						item,
						timeline: await tx.deskItems.timeline(wishId),
						mergedFrom: await tx.deskItems.mergedFrom(wishId)
					}
				};
			});
		},

		/** The item as desks see it (for the live broadcast); no role check: hub-internal. */
		project: (wishId: string) => store.deskItems.deskItemById(wishId),

		/** Same site and category, last 7 days, most similar text first. */
		async duplicates(
			by: StaffPrincipal,
			wishId: string
		): Promise<Outcome<{ item: DeskItem; similarity: number }[]>> {
			const refused = requireRole(by, 'dispatcher');
			if (refused) return refused;
			const item = await store.deskItems.deskItemById(wishId);
			if (!item) return { ok: false, error: ErrorCode.notFound, message: 'no such wish' };
			const candidates = await store.deskItems.mergeCandidates(
				item,
				item.receivedAt - DUPLICATE_WINDOW_MS
			);
			return {
				ok: true,
				value: candidates
					.filter((c) => c.receivedAt <= item.receivedAt + DUPLICATE_WINDOW_MS)
					.map((c) => ({ item: c, similarity: textSimilarity(item.text, c.text) }))
					.sort((a, b) => b.similarity - a.similarity)
					.slice(0, 8)
			};
		},

		triage(
			by: StaffPrincipal,
			input: { wishId: string; category: DeskItem['category']; urgent: boolean }
		) {
			return deskAct(by, {
				wishId: input.wishId,
				action: 'triage',
				audit: 'wish.triage',
				data: { category: input.category, urgent: input.urgent },
				patch: () => ({ category: input.category, urgent: input.urgent ? 1 : 0 })
			});
		},

		dispatch(by: StaffPrincipal, input: DeskDispatch) {
			const { to } = input;
			return deskAct(by, {
				wishId: input.wishId,
				action: 'dispatch',
				audit: 'wish.dispatch',
				async check(tx) {
					const found =
						to.type === 'post'
							? await tx.posts.postById(to.postId)
							: await tx.members.memberById(to.memberId);
					return found?.active === 1
						? null
						: { error: ErrorCode.notFound, message: `no such ${to.type}` };
				},
				data: { to: to.type, ...(input.note ? { note: input.note } : {}) },
				patch: (before, at) => ({
					post_id: to.type === 'post' ? to.postId : null,
					member_id: to.type === 'member' ? to.memberId : null,
					// Response = the first dispatch or claim; a later one does not move it.
					responded_at: before.respondedAt ?? at
				})
			});
		},

		note(by: StaffPrincipal, input: { wishId: string; text: string }) {
			return deskAct(by, {
				wishId: input.wishId,
				action: 'note',
				audit: 'wish.note',
				data: { note: input.text }
			});
		},

		/** Marks an item resolved on behalf of the post or member holding it. */
		resolve(by: StaffPrincipal, input: { wishId: string; note: string }) {
			return deskAct(by, {
				wishId: input.wishId,
				action: 'resolve',
				audit: 'wish.resolve',
				data: { note: input.note, onBehalfOf: 'desk' },
				patch: (_before, at) => ({ resolved_at: at })
			});
		},

		reject(by: StaffPrincipal, input: { wishId: string; reason: string }) {
			return deskAct(by, {
				wishId: input.wishId,
				action: 'reject',
				audit: 'wish.reject',
				data: { reason: input.reason },
				patch: () => ({ reject_reason: input.reason })
			});
		},

		/**
		 * Folds a duplicate into the item that stays. The duplicate keeps merged_into, so its
		 * resident's ticket and track page follow the surviving item.
		 */
		merge(by: StaffPrincipal, input: { wishId: string; intoId: string }) {
			return deskAct(by, {
				wishId: input.wishId,
				action: 'merge',
				audit: 'wish.merge',
				async check(tx) {
					const into = await tx.deskItems.deskItemById(input.intoId);
					if (!into) return { error: ErrorCode.notFound, message: 'no such item to merge into' };
					if (into.status === 'rejected' || into.status === 'merged') {
						return {
							error: ErrorCode.forbiddenTransition,
							message: `cannot merge into an item that is ${into.status}`
						};
					}
					return null;
				},
				data: { into: input.intoId },
				patch: () => ({ merged_into: input.intoId })
			});
		},

		/** A walk-in or phone caller's wish, typed in at the desk (channel 'desk', ticket DK-…). */
		async submit(by: StaffPrincipal, input: DeskSubmit): Promise<Outcome<DeskItem>> {
			const refused = requireRole(by, 'dispatcher');
			if (refused) return refused;
			const site = await store.sites.siteBySlug(input.siteSlug);
			if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
			// Two desks typing at once may pick the same ticket number: the loser simply retries.
			for (let attempt = 0; attempt < 5; attempt++) {
				const claimCode = newCode();
				let trackCode = newCode();
				while (trackCode === claimCode) trackCode = newCode();
				const at = now();
				const wish = {
					id: newWishId(at),
					kind: input.kind,
					category: input.category,
					text: input.text,
					voice: null,
					contactName: input.contactName,
					contactPhone: input.contactPhone,
					ticketNo: await nextDeskTicket(store),
					claimCode,
					trackCode,
					createdAt: at
				};
				const r = await wishes.submit(
					{
						siteId: site.id,
						kioskId: null,
						channel: 'desk',
						actor: `staff:${by.id}`,
						data: { via: input.via },
						async after(tx, stored) {
							await tx.audit.appendAudit({
								staffId: by.id,
								action: 'wish.submit_on_behalf',
								targetType: 'wish',
								targetId: stored.id,
								before: null,
								after: { ticketNo: stored.ticketNo, via: input.via, siteSlug: input.siteSlug },
								at
							});
						}
					},
					wish
				);
				if (!r.ok && r.error === ErrorCode.conflict) continue;
				if (!r.ok) return r;
				// Urgency is a desk edit of its own (the kiosk path has no such field): one more event.
				if (input.urgent) {
					return deskAct(by, {
						wishId: wish.id,
						action: 'triage',
						audit: 'wish.triage',
						data: { category: input.category, urgent: true },
						patch: () => ({ urgent: 1 })
					});
				}
				return { ok: true, value: (await store.deskItems.deskItemById(wish.id))! };
			}
			return {
				ok: false,
				error: ErrorCode.conflict,
				message: 'could not find a free ticket number'
			};
		}
	};
}

export type DispatchService = ReturnType<typeof createDispatchService>;
