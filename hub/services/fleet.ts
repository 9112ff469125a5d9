/**
 * Administration (admin role): sites, kiosks (enrolment codes, revocation), members, posts,
 * category SLA hours and phrase chips, desk-wide hours, and the audit log. Every change writes an
 * audit row in its own transaction. Kiosk enrolment redemption is the one call without staff: the
 * one-time code is the credential.
 */
import { ErrorCode } from '../../shared/errors.ts';
import { newCode, normalizeCode } from '../../shared/domain/codes.ts';
import type {
	CategorySettings,
	DeskSettings,
	KioskCreate,
	PostInput,
	SiteInput,
	StaffPrincipal
} from '../../shared/schemas/desk.ts';
import { kioskWarnings } from '../../shared/domain/fleet.ts';

import type { Store, Repos } from '../store/store.ts';
import { hashSecret, hashToken, newToken } from '../infra/secrets.ts';
import { requireRole } from './staff/roles.ts';
import type { Outcome } from '../../shared/errors.ts';

/** An unused enrolment code stops working after this long. */
export const ENROLMENT_TTL_MS = 7 * 86400_000;

/** What the fleet needs from the socket server: who is online, and cutting a kiosk off. */
export interface FleetSockets {
	onlineKioskIds(): Promise<Map<number, number>>;
	disconnectKiosk(kioskId: number): Promise<void>;
}

export interface MemberInput {
	memberNo: string;
	displayName: string;
	phone: string;
	siteSlug: string | null;
	skills: string;
	pin: string;
}

export interface FleetOptions {
	store: Store;
	sockets: () => FleetSockets | null;
	publicUrl: () => string;
	now?: () => number;
	/** The running auto-release timer's threshold (ms), so the admin's setting takes effect live. */
	autoRelease?: { get(): number; set(ms: number): void };
	/** Writes kiosk reports the hub holds in memory (heartbeats), so the overview shows them. */
	flushReports?: () => Promise<void>;
}

type Refusal = { ok: false; error: ErrorCode; message: string };

function conflictOr(store: Store, err: unknown, message: string): Refusal {
	if (store.isUniqueViolation(err)) return { ok: false, error: ErrorCode.conflict, message };
	throw err;
}

export function createFleetService(opts: FleetOptions) {
	const { store } = opts;
	const now = opts.now ?? Date.now;

	/** Runs an admin change: role check, one transaction, one audit row from what fn returns. */
	async function adminChange<T>(
		by: StaffPrincipal,
		fn: (
			tx: Repos,
			at: number
		) => Promise<
			| Refusal
			| {
					ok: true;
					value: T;
					audit: {
						action: string;
						targetType: string;
						targetId: string | number;
						before: unknown;
						after: unknown;
					};
			  }
		>,
		conflictMessage = 'already exists'
	): Promise<Outcome<T>> {
		const refused = requireRole(by, 'admin');
		if (refused) return refused;
		try {
			return await store.transaction(async (tx) => {
				const at = now();
				const r = await fn(tx, at);
				if (!r.ok) return r;
				await tx.audit.appendAudit({ staffId: by.id, ...r.audit, at });
				return { ok: true, value: r.value };
			});
		} catch (err) {
			return conflictOr(store, err, conflictMessage);
		}
	}

	/** Stored settings, with the auto-release hours the timer really uses when none are stored. */
	async function effectiveSettings(q: Repos | Store): Promise<DeskSettings> {
		const stored = await q.settings.deskSettings();
		const saved = await q.settings.hasDeskSetting('autoReleaseHours');
		const running = opts.autoRelease?.get();
		return !saved && running ? { ...stored, autoReleaseHours: running / 3600_000 } : stored;
	}

	function enrolUrl(code: string): string {
		return `${opts.publicUrl()}/desk/enrol/${code}`;
	}

	async function issueCode(tx: Repos, kioskId: number, by: StaffPrincipal, at: number) {
		const code = newCode();
		const expiresAt = at + ENROLMENT_TTL_MS;
		await tx.enrolments.insertEnrolment(
			{ kioskId, codeHash: hashToken(code), createdBy: by.id, expiresAt },
			at
		);
		return { code, url: enrolUrl(code), expiresAt };
	}

	return {
		async overview(by: StaffPrincipal) {
			const refused = requireRole(by, 'admin');
			if (refused) return refused;
			const online = (await opts.sockets()?.onlineKioskIds()) ?? new Map<number, number>();
			await opts.flushReports?.();
			const at = now();
			return store.transaction(async (tx) => ({
				ok: true as const,
				value: {
					sites: await tx.sites.listSites(),
					kiosks: (await tx.enrolments.fleetKiosks(at)).map((k) => {
						const live = { ...k, online: online.get(k.id) ?? 0 };
						return { ...live, warnings: kioskWarnings(live, at) };
					}),
					alerts: await tx.alerts.openAlerts(),
					posts: (await tx.posts.listPosts()).map(({ id, name, site_slug, active }) => ({
						id,
						name,
						site_slug,
						active
					})),
					members: (await tx.members.listMembers()).map((m) => ({
						id: m.id,
						member_no: m.member_no,
						display_name: m.display_name,
						phone: m.phone,
						site_slug: m.site_slug,
						skills: m.skills,
						active: m.active,
						locked_until: m.locked_until
					})),
					categories: await tx.settings.categorySettings(),
					settings: await effectiveSettings(tx)
				}
			}));
		},

		createSite(by: StaffPrincipal, input: SiteInput) {
			return adminChange(
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
		},

		updateSite(by: StaffPrincipal, input: SiteInput) {
			return adminChange(by, async (tx) => {
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
		},

		/** Creates a kiosk and its first one-time enrolment code (shown once, as a URL and QR). */
		createKiosk(by: StaffPrincipal, input: KioskCreate) {
			return adminChange(
				by,
				async (tx, at) => {
					const site = await tx.sites.siteBySlug(input.siteSlug);
					if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
					// Not enrolled yet: the stored hash belongs to a token nobody ever sees.
					const id = await tx.kiosks.insertKiosk(
						{
							siteId: site.id,
							name: input.name,
							ticketPrefix: input.ticketPrefix,
							tokenHash: hashToken(newToken()),
							paperMm: input.paperMm
						},
						at
					);
					const enrolment = await issueCode(tx, id, by, at);
					return {
						ok: true,
						value: { kioskId: id, ...enrolment },
						audit: {
							action: 'kiosk.create',
							targetType: 'kiosk',
							targetId: id,
							before: null,
							after: input
						}
					};
				},
				'prefix_taken'
			);
		},

		/** A fresh code for a kiosk (replacement screen, wiped browser, after a revocation). */
		newEnrolment(by: StaffPrincipal, kioskId: number) {
			return adminChange(by, async (tx, at) => {
				const kiosk = await tx.kiosks.kioskById(kioskId);
				if (!kiosk) return { ok: false, error: ErrorCode.notFound, message: 'no such kiosk' };
				const enrolment = await issueCode(tx, kioskId, by, at);
				return {
					ok: true,
					value: enrolment,
					audit: {
						action: 'kiosk.enrolment_code',
						targetType: 'kiosk',
						targetId: kioskId,
						before: null,
						after: { expiresAt: enrolment.expiresAt }
					}
				};
			});
		},

		/**
		 * Exchanges a one-time code for a device token. A used, replaced or expired code is refused.
		 * The old token (if any) stops working: enrolling again is how a kiosk is re-keyed.
		 */
		async redeem(
			rawCode: string
		): Promise<Outcome<{ token: string; siteSlug: string; kioskName: string }>> {
			const code = normalizeCode(rawCode);
			const disconnect: number[] = [];
			const r = await store.transaction(
				async (tx): Promise<Outcome<{ token: string; siteSlug: string; kioskName: string }>> => {
					const at = now();
					const e = await tx.enrolments.enrolmentByCodeHash(hashToken(code));
					if (!e || !(await tx.enrolments.useEnrolment(e.id, at))) {
						return { ok: false, error: ErrorCode.unauthorized, message: 'code_invalid' };
					}
					const kiosk = (await tx.kiosks.kioskById(e.kiosk_id))!;
					const site = (await tx.sites.siteById(kiosk.site_id))!;
					const token = newToken();
					await tx.enrolments.setKioskToken(kiosk.id, hashToken(token));
					disconnect.push(kiosk.id);
					await tx.audit.appendAudit({
						staffId: null,
						action: 'kiosk.enrol',
						targetType: 'kiosk',
						targetId: kiosk.id,
						before: { revokedAt: kiosk.revoked_at },
						after: { revokedAt: null },
						at
					});
					return { ok: true, value: { token, siteSlug: site.slug, kioskName: kiosk.name } };
				}
			);
			// A screen still running on the old token is now a stranger.
			for (const id of disconnect) await opts.sockets()?.disconnectKiosk(id);
			return r;
		},

		/** Revokes a kiosk: its live connections are cut at once and its token is refused after. */
		async revokeKiosk(by: StaffPrincipal, kioskId: number): Promise<Outcome<null>> {
			const r = await adminChange(by, async (tx, at) => {
				const kiosk = await tx.kiosks.kioskById(kioskId);
				if (!kiosk) return { ok: false, error: ErrorCode.notFound, message: 'no such kiosk' };
				await tx.enrolments.revokeKiosk(kioskId, at);
				return {
					ok: true,
					value: null,
					audit: {
						action: 'kiosk.revoke',
						targetType: 'kiosk',
						targetId: kioskId,
						before: { revokedAt: kiosk.revoked_at },
						after: { revokedAt: kiosk.revoked_at ?? at }
					}
				};
			});
			if (r.ok) await opts.sockets()?.disconnectKiosk(kioskId);
			return r;
		},

		/** Someone dealt with an alert (e.g. re-entered a refused wish by hand): off the list. */
		resolveAlert(by: StaffPrincipal, alertId: number) {
			return adminChange(by, async (tx, at) => {
				if (!(await tx.alerts.resolveAlert(alertId, at)))
					return { ok: false, error: ErrorCode.notFound, message: 'no such open alert' };
				return {
					ok: true,
					value: null,
					audit: {
						action: 'alert.resolve',
						targetType: 'alert',
						targetId: alertId,
						before: { resolvedAt: null },
						after: { resolvedAt: at }
					}
				};
			});
		},

		createPost(by: StaffPrincipal, input: PostInput) {
			return adminChange(
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
		},

		setPostActive(by: StaffPrincipal, postId: number, active: boolean) {
			return adminChange(by, async (tx) => {
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
		},

		async createMember(by: StaffPrincipal, input: MemberInput) {
			const pinHash = await hashSecret(input.pin);
			return adminChange(
				by,
				async (tx, at) => {
					const site = input.siteSlug ? await tx.sites.siteBySlug(input.siteSlug) : null;
					if (input.siteSlug && !site) {
						return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
					}
					if (await tx.members.memberByNo(input.memberNo)) {
						return { ok: false, error: ErrorCode.conflict, message: 'member_no_taken' };
					}
					const id = await tx.members.insertMember(
						{ ...input, siteId: site?.id ?? null, pinHash },
						at
					);
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
		},

		/**
		 * Imports members in one transaction: rows that fail (bad fields were reported by the caller's
		 * validation; here: unknown site, number taken or repeated in the file) are reported by line,
		 * the rest are added.
		 */
		async importMembers(
			by: StaffPrincipal,
			rows: { line: number; member: MemberInput }[]
		): Promise<Outcome<{ added: number; errors: { line: number; reason: string }[] }>> {
			const hashed = await Promise.all(
				rows.map(async (r) => ({ ...r, pinHash: await hashSecret(r.member.pin) }))
			);
			return adminChange(by, async (tx, at) => {
				const errors: { line: number; reason: string }[] = [];
				const seen = new Set<string>();
				let added = 0;
				for (const { line, member, pinHash } of hashed) {
					const site = member.siteSlug ? await tx.sites.siteBySlug(member.siteSlug) : null;
					if (member.siteSlug && !site) {
						errors.push({ line, reason: 'unknown_site' });
					} else if (seen.has(member.memberNo) || (await tx.members.memberByNo(member.memberNo))) {
						errors.push({ line, reason: 'member_no_taken' });
					} else {
						seen.add(member.memberNo);
						await tx.members.insertMember({ ...member, siteId: site?.id ?? null, pinHash }, at);
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
		},

		setMemberActive(by: StaffPrincipal, memberId: number, active: boolean) {
			return adminChange(by, async (tx) => {
				const before = await tx.members.memberById(memberId);
				if (!before) return { ok: false, error: ErrorCode.notFound, message: 'no such member' };
				await tx.members.setMemberActive(memberId, active);
				// Deactivation signs the member out on every phone at once.
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
		},

		async resetMemberPin(by: StaffPrincipal, memberId: number, pin: string) {
			const pinHash = await hashSecret(pin);
			return adminChange(by, async (tx) => {
				if (!(await tx.members.memberById(memberId))) {
					return { ok: false, error: ErrorCode.notFound, message: 'no such member' };
				}
				// A new PIN also clears a lockout and signs the old phones out.
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
		},

		saveCategory(by: StaffPrincipal, input: CategorySettings) {
			return adminChange(by, async (tx, at) => {
				const before = (await tx.settings.categorySettings()).find(
					(c) => c.category === input.category
				);
				await tx.settings.saveCategorySettings(input, at);
				return {
					ok: true,
					value: null,
					audit: {
						action: 'category.update',
						targetType: 'category',
						targetId: input.category,
						before,
						after: input
					}
				};
			});
		},

		async saveSettings(by: StaffPrincipal, input: DeskSettings) {
			const r = await adminChange(by, async (tx, at) => {
				const before = await effectiveSettings(tx);
				await tx.settings.saveDeskSettings(input, at);
				return {
					ok: true,
					value: null,
					audit: {
						action: 'settings.update',
						targetType: 'settings',
						targetId: 'desk',
						before,
						after: input
					}
				};
			});
			if (r.ok) opts.autoRelease?.set(input.autoReleaseHours * 3600_000);
			return r;
		},

		/** At start: a saved auto-release time overrides the configured default. */
		async applyStoredSettings(): Promise<void> {
			const saved = await store.settings.hasDeskSetting('autoReleaseHours');
			if (saved)
				opts.autoRelease?.set((await store.settings.deskSettings()).autoReleaseHours * 3600_000);
		},

		async audit(by: StaffPrincipal, opts2: { beforeId?: number; limit?: number } = {}) {
			const refused = requireRole(by, 'admin');
			if (refused) return refused;
			const rows = await store.audit.recentAudit({
				limit: opts2.limit ?? 200,
				beforeId: opts2.beforeId
			});
			return { ok: true as const, value: rows };
		},

		/** Base of printed QR links (the desk's reprinted slips use it too). */
		publicUrl: opts.publicUrl,

		/** Category phrase chips and SLA hours, for anyone (kiosks read phrases; no secrets here). */
		categories: () => store.settings.categorySettings(),
		settings: () => effectiveSettings(store)
	};
}

export type FleetService = ReturnType<typeof createFleetService>;
