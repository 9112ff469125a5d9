/** Members admin: adding one or a CSV's worth, switching them off or on, resetting a PIN. */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { hashSecret } from '../../infra/secrets.ts';
import type { Repos } from '../../store/store.ts';
import { adminChange, type FleetDeps } from './deps.ts';

export interface MemberInput {
	memberNo: string;
	displayName: string;
	phone: string;
	siteSlug: string | null;
	skills: string;
	pin: string;
	/** A party member (claims micro-wishes); absent: yes. */
	party?: boolean;
	/** The posts this account works for in the field, by name; absent or empty: none. */
	posts?: string[];
}

/** Post names → ids (active posts only); null when one is unknown. */
async function postIdsOf(tx: Repos, names: readonly string[]): Promise<number[] | null> {
	if (names.length === 0) return [];
	const byName = new Map(
		(await tx.posts.listPosts()).filter((p) => p.active === 1).map((p) => [p.name, p.id])
	);
	const ids = names.map((n) => byName.get(n));
	return ids.every((id) => id !== undefined) ? (ids as number[]) : null;
}

/** Adds a member; the PIN is stored hashed and left out of the audit row. */
export async function createMember(d: FleetDeps, by: StaffPrincipal, input: MemberInput) {
	const pinHash = await hashSecret(input.pin);
	return adminChange(
		d,
		by,
		async (tx, at) => {
			const site = input.siteSlug ? await tx.sites.siteBySlug(input.siteSlug) : null;
			if (input.siteSlug && !site) {
				return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
			}
			if (await tx.members.memberByNo(input.memberNo)) {
				return { ok: false, error: ErrorCode.conflict, message: 'member_no_taken' };
			}
			const postIds = await postIdsOf(tx, input.posts ?? []);
			if (!postIds) return { ok: false, error: ErrorCode.notFound, message: 'unknown_post' };
			const id = await tx.members.insertMember({ ...input, siteId: site?.id ?? null, pinHash }, at);
			await tx.members.setWorkerPosts(id, postIds);
			const { pin: _pin, ...shown } = input;
			return {
				ok: true,
				value: { id },
				audit: {
					action: 'member.create',
					targetType: 'member',
					targetId: id,
					before: null,
					after: shown
				}
			};
		},
		'member_no_taken'
	);
}

/**
 * Imports members in one transaction: rows that fail (bad fields were reported by the caller's
 * validation; here: unknown site, number taken or repeated in the file) are reported by line,
 * the rest are added.
 */
export async function importMembers(
	d: FleetDeps,
	by: StaffPrincipal,
	rows: { line: number; member: MemberInput }[]
): Promise<Outcome<{ added: number; errors: { line: number; reason: string }[] }>> {
	const hashed = await Promise.all(
		rows.map(async (r) => ({ ...r, pinHash: await hashSecret(r.member.pin) }))
	);
	return adminChange(d, by, async (tx, at) => {
		const errors: { line: number; reason: string }[] = [];
		const seen = new Set<string>();
		let added = 0;
		for (const { line, member, pinHash } of hashed) {
			const site = member.siteSlug ? await tx.sites.siteBySlug(member.siteSlug) : null;
			const postIds = await postIdsOf(tx, member.posts ?? []);
			if (member.siteSlug && !site) {
				errors.push({ line, reason: 'unknown_site' });
			} else if (!postIds) {
				errors.push({ line, reason: 'unknown_post' });
			} else if (seen.has(member.memberNo) || (await tx.members.memberByNo(member.memberNo))) {
				errors.push({ line, reason: 'member_no_taken' });
			} else {
				seen.add(member.memberNo);
				const id = await tx.members.insertMember(
					{ ...member, siteId: site?.id ?? null, pinHash },
					at
				);
				await tx.members.setWorkerPosts(id, postIds);
				added += 1;
			}
		}
		return {
			ok: true,
			value: { added, errors },
			audit: {
				action: 'member.import',
				targetType: 'member',
				targetId: 'csv',
				before: null,
				after: { added, failedLines: errors.map((e) => e.line) }
			}
		};
	});
}

/** Switches a member off (signed out on every phone at once) or back on. */
export function setMemberActive(
	d: FleetDeps,
	by: StaffPrincipal,
	memberId: number,
	active: boolean
) {
	return adminChange(d, by, async (tx) => {
		const before = await tx.members.memberById(memberId);
		if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no such member' };
		await tx.members.setMemberActive(memberId, active);
		if (!active) await tx.sessions.deleteMemberSessions(memberId);
		return {
			ok: true,
			value: null,
			audit: {
				action: active ? 'member.activate' : 'member.deactivate',
				targetType: 'member',
				targetId: memberId,
				before: { active: before.active },
				after: { active: active ? 1 : 0 }
			}
		};
	});
}

/**
 * Sets an account's roles: party member or not, and the posts it works for in the field. Removing
 * a post leaves the items the worker holds with them (the desk sees who holds what).
 */
export function setMemberRoles(
	d: FleetDeps,
	by: StaffPrincipal,
	memberId: number,
	roles: { party: boolean; posts: string[] }
) {
	return adminChange(d, by, async (tx) => {
		const before = await tx.members.memberById(memberId);
		if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no such member' };
		const postIds = await postIdsOf(tx, roles.posts);
		if (!postIds) return { ok: false, error: ErrorCode.notFound, message: 'unknown_post' };
		const was = (await tx.members.workerPosts([memberId])).map((p) => p.post_name);
		await tx.members.setParty(memberId, roles.party);
		await tx.members.setWorkerPosts(memberId, postIds);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'member.roles',
				targetType: 'member',
				targetId: memberId,
				before: { party: before.party === 1, posts: was },
				after: roles
			}
		};
	});
}

/** Sets a member's PIN; it also clears a lockout and signs the old phones out. */
export async function resetMemberPin(
	d: FleetDeps,
	by: StaffPrincipal,
	memberId: number,
	pin: string
) {
	const pinHash = await hashSecret(pin);
	return adminChange(d, by, async (tx) => {
		if (!(await tx.members.memberById(memberId))) {
			return { ok: false, error: ErrorCode.notFound, message: 'no such member' };
		}
		await tx.members.setPinHash(memberId, pinHash);
		await tx.sessions.deleteMemberSessions(memberId);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'member.reset_pin',
				targetType: 'member',
				targetId: memberId,
				before: null,
				after: null
			}
		};
	});
}
