/** Seeds the hand-made figures dataset (desk-dataset.ts) into a real hub, for browser tests. */
import type { Core } from '../../hub/core.ts';
import type { WishPatch } from '../../hub/store/wishes.ts';
import { formatTicket, newCode, newWishId } from '../../shared/domain/codes.ts';
import type { WishAction } from '../../shared/domain/wish.ts';
import { DATASET, sh } from './desk-dataset.ts';

/**
 * Loads DATASET into a hub's database through the wish service (the same path real items take),
 * with the hand-made times: two sites "alpha" and "beta", one post and one member to act.
 */
export async function seedDataset(core: Core): Promise<Map<number, string>> {
	const ids = new Map<number, string>();
	await core.store.transaction(async (tx) => {
		const now = Date.now();
		const sites = {
			alpha: await tx.sites.insertSite(
				{ slug: 'alpha', name: '甲村党群服务中心', kind: 'center', village: '甲村', address: '' },
				now
			),
			beta: await tx.sites.insertSite(
				{ slug: 'beta', name: '乙村党群服务中心', kind: 'center', village: '乙村', address: '' },
				now
			)
		};
		const postId = await tx.posts.insertPost('数据集岗位', null);
		const memberId = await tx.members.insertMember(
			{
				memberNo: 'DS001',
				displayName: '数据集党员',
				phone: '',
				siteId: null,
				skills: '',
				pinHash: null
			},
			now
		);
		const act = async (
			wishId: string,
			action: WishAction | 'triage',
			at: number,
			patch: WishPatch
		) => {
			const r = await core.wishes.actInTx(tx, { wishId, action, actor: 'test:dataset', patch, at });
			if (!r.ok) throw new Error(`dataset ${action} failed: ${r.message}`);
		};
		for (const d of DATASET) {
			const at = sh(d.received);
			const id = newWishId(at);
			ids.set(d.n, id);
			const r = await core.wishes.submitInTx(
				tx,
				{ siteId: sites[d.site], kioskId: null, channel: 'desk', actor: 'test:dataset' },
				{
					id,
					kind: d.kind,
					category: d.category,
					text: `数据集第 ${d.n} 项`,
					voice: null,
					contactName: '',
					contactPhone: d.phone,
					ticketNo: formatTicket('T', d.n),
					claimCode: newCode(),
					trackCode: newCode(),
					createdAt: at
				},
				at
			);
			if (!r.ok) throw new Error(`dataset item ${d.n}: ${r.message}`);
			if (d.urgent) await act(id, 'triage', at, { urgent: 1 });
			for (const step of d.steps) {
				const when = sh(step.at);
				if (step.action === 'dispatch') {
					await act(id, 'dispatch', when, { post_id: postId, responded_at: when });
				} else if (step.action === 'claim') {
					await act(id, 'claim', when, { member_id: memberId, responded_at: when });
				} else if (step.action === 'resolve') {
					await act(id, 'resolve', when, { resolved_at: when });
				} else if (step.action === 'reject') {
					await act(id, 'reject', when, { reject_reason: '数据集：不予受理' });
				} else {
					await act(id, 'merge', when, { merged_into: ids.get(step.into!)! });
				}
			}
			if (d.rating) {
				const when = sh(d.rating.at);
				await act(id, d.rating.stars <= 2 ? 'rate_poor' : 'rate_good', when, {
					rating: d.rating.stars,
					rated_at: when
				});
			}
		}
	});
	return ids;
}
