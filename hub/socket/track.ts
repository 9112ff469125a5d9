/** Kiosk socket events for residents without a phone: look a wish up by ticket, and rate it. */
import { fail, ok } from '../../shared/errors.ts';
import { KioskRateSchema, TrackLookupSchema } from '../../shared/schemas/members.ts';
import type { TrackingService } from '../services/tracking.ts';
import { handle } from './ack.ts';
import type { HubSocket } from './types.ts';

export function registerTrackHandlers(socket: HubSocket, tracking: TrackingService): void {
	// Wrong guesses are counted per kiosk, so one kiosk cannot walk through tickets.
	const by = `kiosk:${socket.data.kioskId}`;

	socket.on(
		'track:lookup',
		handle(TrackLookupSchema, async (q) => {
			const r = await tracking.lookup(by, q);
			return r.ok ? ok(r.value) : fail(r.error, r.message);
		})
	);

	socket.on(
		'wish:rate',
		handle(KioskRateSchema, async ({ lookup, stars, comment }) => {
			const r = await tracking.rateAtKiosk(by, lookup, { stars, comment });
			return r.ok ? ok(r.value) : fail(r.error, r.message);
		})
	);
}
