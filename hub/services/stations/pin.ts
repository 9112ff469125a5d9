/**
 * The site's staff PIN for the kiosk's panel: checked with a lockout after too many wrong tries,
 * set or removed by an admin, and in front of every state change made at a kiosk.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { ServiceStateChange, StationService } from '../../../shared/schemas/stations.ts';
import { hashSecret, verifySecret } from '../../infra/secrets.ts';
import { requireRole } from '../staff/roles.ts';
import type { StationDeps } from './deps.ts';
import { setState } from './services.ts';

type Refusal = { ok: false; error: ErrorCode; message: string };

/** Null when the PIN is right; counts a wrong one, and locks the panel after too many. */
async function checkPin(d: StationDeps, siteId: number, pin: string): Promise<Refusal | null> {
	const at = d.now();
	const settings = await d.store.stations.stationSettings(siteId);
	if (!settings?.staff_pin_hash) {
		return { ok: false, error: ErrorCode.forbidden, message: 'this site has no staff PIN' };
	}
	if (settings.locked_until !== null && settings.locked_until > at) {
		return { ok: false, error: ErrorCode.locked, message: 'too many wrong PINs; wait' };
	}
	const good = await verifySecret(pin, settings.staff_pin_hash);
	const failures = good ? 0 : settings.pin_failures + 1;
	const lockedUntil = failures >= d.tuning.maxPinFailures ? at + d.tuning.pinLockMs : null;
	if (good || failures !== settings.pin_failures) {
		await d.store.stations.recordPinResult(
			siteId,
			{ failures: lockedUntil ? 0 : failures, lockedUntil },
			at
		);
	}
	if (good) return null;
	return lockedUntil
		? { ok: false, error: ErrorCode.locked, message: 'too many wrong PINs; wait' }
		: { ok: false, error: ErrorCode.badCredentials, message: 'wrong PIN' };
}

/** The kiosk's staff panel: the PIN first (with lockout), then the same change as the desk. */
export async function setStateWithPin(
	d: StationDeps,
	kiosk: { kioskId: number; siteId: number },
	change: ServiceStateChange & { pin: string }
): Promise<Outcome<StationService>> {
	const refused = await checkPin(d, kiosk.siteId, change.pin);
	if (refused) return refused;
	const { pin: _pin, ...rest } = change;
	return setState(d, { kind: 'kiosk', ...kiosk }, rest);
}

/** Opens the kiosk's panel: a PIN check that changes nothing but the failure count. */
export async function unlock(d: StationDeps, siteId: number, pin: string): Promise<Outcome<null>> {
	const refused = await checkPin(d, siteId, pin);
	return refused ?? { ok: true, value: null };
}

/** Admin: sets (or with null, removes) the site's staff PIN for the kiosk panel. */
export async function setPin(
	d: StationDeps,
	who: StaffPrincipal,
	siteId: number,
	pin: string | null
): Promise<Outcome<null>> {
	const refused = requireRole(who, 'admin');
	if (refused) return refused;
	const hash = pin === null ? null : await hashSecret(pin);
	const at = d.now();
	return d.store.transaction(async (tx) => {
		if (!(await tx.sites.siteById(siteId))) {
			return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
		}
		const had = Boolean((await tx.stations.stationSettings(siteId))?.staff_pin_hash);
		await tx.stations.setStaffPinHash(siteId, hash, at);
		await tx.audit.appendAudit({
			staffId: who.id,
			action: pin === null ? 'station.pin_removed' : 'station.pin_set',
			targetType: 'site',
			targetId: siteId,
			// Never the PIN or its hash: only whether one exists.
			before: { hasPin: had },
			after: { hasPin: pin !== null },
			at
		});
		return { ok: true, value: null };
	});
}
