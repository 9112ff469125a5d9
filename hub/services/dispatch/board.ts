/** What desks read: the queue board, search, one item's history and the live projection. */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { SlaPolicies } from '../../../shared/domain/sla.ts';
import type {
	DeskItem,
	DeskItemDetail,
	DeskSettings,
	StaffPrincipal
} from '../../../shared/schemas/desk.ts';
import { requireRole } from '../staff/roles.ts';
import type { DispatchDeps } from './deps.ts';
import { slaPolicies } from './policies.ts';

/** Everything unfinished with the settings the clocks need; the page decides what to show. */
export async function board(
	d: DispatchDeps,
	by: StaffPrincipal
): Promise<
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
	return d.store.transaction(async (tx) => ({
		ok: true as const,
		value: {
			items: await tx.deskItems.unfinishedItems(),
			policies: await slaPolicies(tx),
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
}

export async function search(
	d: DispatchDeps,
	by: StaffPrincipal,
	q: string
): Promise<Outcome<DeskItem[]>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const term = q.trim().slice(0, 50);
	if (!term) return { ok: true, value: [] };
	return { ok: true, value: await d.store.deskItems.searchItems(term) };
}

export async function detail(
	d: DispatchDeps,
	by: StaffPrincipal,
	wishId: string
): Promise<Outcome<DeskItemDetail>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	return d.store.transaction(async (tx) => {
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
}

/** The item as desks see it (for the live broadcast); no role check: hub-internal. */
export function project(d: DispatchDeps, wishId: string) {
	return d.store.deskItems.deskItemById(wishId);
}
