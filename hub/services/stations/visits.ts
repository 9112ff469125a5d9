/** The anonymous visit counter: 我来过 · 签到 on a station kiosk. */
import { shanghaiDate } from '../../../shared/domain/figures.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StationDeps } from './deps.ts';

/** One anonymous visit, unless this kiosk counted one a moment ago (tuning.visitGapMs). */
export async function visit(
	d: StationDeps,
	kiosk: { kioskId: number; siteId: number }
): Promise<Outcome<{ visitsToday: number }>> {
	const at = d.now();
	const day = shanghaiDate(at);
	return d.store.transaction(async (tx) => {
		const last = await tx.visits.lastVisitAt(kiosk.kioskId);
		if (last !== null && at - last < d.tuning.visitGapMs) {
			return { ok: false, error: ErrorCode.rateLimited, message: 'visit just counted' };
		}
		await tx.visits.insertVisit({ siteId: kiosk.siteId, kioskId: kiosk.kioskId, day, at });
		return { ok: true, value: { visitsToday: await tx.visits.visitsOn(kiosk.siteId, day) } };
	});
}
