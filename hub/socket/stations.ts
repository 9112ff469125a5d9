/**
 * Kiosk socket events of warm stations and activities: the service list, the visit counter, the
 * PIN-protected staff panel, the 近期活动 list and sign-ups. A kiosk only ever reaches its own
 * site: the site comes from its device token, never from the payload.
 */
import { fail, ok, type Outcome } from '../../shared/errors.ts';
import {
	ActivityListRequestSchema,
	KioskServiceStateChangeSchema,
	NoPayloadSchema,
	SignupSchema,
	StationPinCheckSchema
} from '../../shared/schemas/stations.ts';
import type { ActivityService } from '../services/activities/service.ts';
import type { StationServiceApi } from '../services/stations/service.ts';
import { handle } from './ack.ts';
import type { HubSocket } from './types.ts';

function answer<T>(r: Outcome<T>) {
	return r.ok ? ok(r.value) : fail(r.error, r.message);
}

export function registerStationHandlers(
	socket: HubSocket,
	deps: { stations: StationServiceApi; activities: ActivityService }
): void {
	if (socket.data.role !== 'kiosk') return;
	const kiosk = { kioskId: socket.data.kioskId, siteId: socket.data.siteId };
	const { stations, activities } = deps;

	socket.on(
		'station:view',
		handle(NoPayloadSchema, async () => ok(await stations.view(kiosk.siteId)))
	);
	socket.on(
		'station:visit',
		handle(NoPayloadSchema, async () => answer(await stations.visit(kiosk)))
	);
	socket.on(
		'station:unlock',
		handle(StationPinCheckSchema, async ({ pin }) =>
			answer(await stations.unlock(kiosk.siteId, pin))
		)
	);
	socket.on(
		'station:setState',
		handle(KioskServiceStateChangeSchema, async (change) =>
			answer(await stations.setStateWithPin(kiosk, change))
		)
	);
	socket.on(
		'activity:list',
		handle(ActivityListRequestSchema, async ({ days }) =>
			ok(await activities.upcoming(kiosk.siteId, days))
		)
	);
	socket.on(
		'activity:signup',
		handle(SignupSchema, async (input) => answer(await activities.signup(kiosk, input)))
	);
}
