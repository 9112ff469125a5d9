/** Sites (where kiosks stand) and posts (where the desk sends problem reports). */
import { ErrorCode } from '../../../shared/errors.ts';
import type { PostInput, SiteInput, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { adminChange, type FleetDeps } from './deps.ts';

export function createSite(d: FleetDeps, by: StaffPrincipal, input: SiteInput) {
	return adminChange(
		d,
		by,
		async (tx, at) => {
			const id = await tx.sites.insertSite(input, at);
			return {
				ok: true,
				value: { id },
				audit: {
					action: 'site.create',
					targetType: 'site',
					targetId: id,
					before: null,
					after: input
				}
			};
		},
		'site_slug_taken'
	);
}

/** Updates the site with `input.slug` (the slug itself never changes). */
export function updateSite(d: FleetDeps, by: StaffPrincipal, input: SiteInput) {
	return adminChange(d, by, async (tx) => {
		const before = await tx.sites.siteBySlug(input.slug);
		if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
		await tx.sites.updateSite(before.id, input);
		return {
			ok: true,
			value: { id: before.id },
			audit: {
				action: 'site.update',
				targetType: 'site',
				targetId: before.id,
				before,
				after: input
			}
		};
	});
}

/** Creates a post, at one site or (no siteSlug) tied to none. */
export function createPost(d: FleetDeps, by: StaffPrincipal, input: PostInput) {
	return adminChange(
		d,
		by,
		async (tx) => {
			const site = input.siteSlug ? await tx.sites.siteBySlug(input.siteSlug) : null;
			if (input.siteSlug && !site) {
				return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
			}
			const id = await tx.posts.insertPost(input.name, site?.id ?? null);
			return {
				ok: true,
				value: { id },
				audit: {
					action: 'post.create',
					targetType: 'post',
					targetId: id,
					before: null,
					after: input
				}
			};
		},
		'post_name_taken'
	);
}

export function setPostActive(d: FleetDeps, by: StaffPrincipal, postId: number, active: boolean) {
	return adminChange(d, by, async (tx) => {
		const post = await tx.posts.postById(postId);
		if (!post) return { ok: false, error: ErrorCode.notFound, message: 'no such post' };
		const before = { name: post.name, active: post.active };
		await tx.posts.setPostActive(postId, active);
		return {
			ok: true,
			value: null,
			audit: {
				action: active ? 'post.activate' : 'post.deactivate',
				targetType: 'post',
				targetId: postId,
				before,
				after: { ...before, active: active ? 1 : 0 }
			}
		};
	});
}
