/**
 * Kiosks: creation, one-time enrolment codes and their redemption, revocation. Redemption is the
 * one call without staff: the one-time code is the credential.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import { newCode, normalizeCode } from '../../../shared/domain/codes.ts';
import type { KioskCreate, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { hashToken, newToken } from '../../infra/secrets.ts';
import type { Repos } from '../../store/store.ts';
import { adminChange, type FleetDeps } from './deps.ts';

/** An unused enrolment code stops working after this long. */
export const ENROLMENT_TTL_MS = 7 * 86400_000;

/** Base of printed QR links (the desk's reprinted slips use it too). */
export function publicUrl(d: FleetDeps): string {
	return d.publicUrl();
}

function enrolUrl(d: FleetDeps, code: string): string {
	return `${d.publicUrl()}/desk/enrol/${code}`;
}

async function issueCode(d: FleetDeps, tx: Repos, kioskId: number, by: StaffPrincipal, at: number) {
	const code = newCode();
	const expiresAt = at + ENROLMENT_TTL_MS;
	await tx.enrolments.insertEnrolment(
		{ kioskId, codeHash: hashToken(code), createdBy: by.id, expiresAt },
		at
	);
	return { code, url: enrolUrl(d, code), expiresAt };
}

/** Creates a kiosk and its first one-time enrolment code (shown once, as a URL and QR). */
export function createKiosk(d: FleetDeps, by: StaffPrincipal, input: KioskCreate) {
	return adminChange(
		d,
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
			const enrolment = await issueCode(d, tx, id, by, at);
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
}

/** A fresh code for a kiosk (replacement screen, wiped browser, after a revocation). */
export function newEnrolment(d: FleetDeps, by: StaffPrincipal, kioskId: number) {
	return adminChange(d, by, async (tx, at) => {
		const kiosk = await tx.kiosks.kioskById(kioskId);
		if (!kiosk) return { ok: false, error: ErrorCode.notFound, message: 'no such kiosk' };
		const enrolment = await issueCode(d, tx, kioskId, by, at);
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
}

/**
 * Exchanges a one-time code for a device token. A used, replaced or expired code is refused.
 * The old token (if any) stops working: enrolling again is how a kiosk is re-keyed.
 */
export async function redeem(
	d: FleetDeps,
	rawCode: string
): Promise<Outcome<{ token: string; siteSlug: string; kioskName: string }>> {
	const code = normalizeCode(rawCode);
	const disconnect: number[] = [];
	const r = await d.store.transaction(
		async (tx): Promise<Outcome<{ token: string; siteSlug: string; kioskName: string }>> => {
			const at = d.now();
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
	for (const id of disconnect) await d.sockets()?.disconnectKiosk(id);
	return r;
}

/** Revokes a kiosk: its live connections are cut at once and its token is refused after. */
export async function revokeKiosk(
	d: FleetDeps,
	by: StaffPrincipal,
	kioskId: number
): Promise<Outcome<null>> {
	const r = await adminChange(d, by, async (tx, at) => {
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
	if (r.ok) await d.sockets()?.disconnectKiosk(kioskId);
	return r;
}
