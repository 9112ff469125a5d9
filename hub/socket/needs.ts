/**
 * Kiosk socket events of the needs list (需求清单 · 你说我办): read the site's list and board,
 * raise a suggestion, add "我也需要". The site comes from the device token, never the payload.
 */
import { fail, ok, type Outcome } from '../../shared/errors.ts';
import { KioskSuggestSchema, NeedVoteSchema } from '../../shared/schemas/needs.ts';
import { NoPayloadSchema } from '../../shared/schemas/stations.ts';
import type { NeedService } from '../services/needs/service.ts';
import { handle } from './ack.ts';
import type { HubSocket } from './types.ts';

function answer<T>(r: Outcome<T>) {
	return r.ok ? ok(r.value) : fail(r.error, r.message);
}

export function registerNeedHandlers(socket: HubSocket, needs: NeedService): void {
	if (socket.data.role !== 'kiosk') return;
	const kiosk = { kioskId: socket.data.kioskId, siteId: socket.data.siteId };
	socket.on(
		'need:view',
		handle(NoPayloadSchema, async () => ok(await needs.view(kiosk.siteId)))
	);
	socket.on(
		'need:suggest',
		handle(KioskSuggestSchema, async (input) => answer(await needs.suggestAtKiosk(kiosk, input)))
	);
	socket.on(
		'need:vote',
		handle(NeedVoteSchema, async (input) => answer(await needs.voteAtKiosk(kiosk, input)))
	);
}
