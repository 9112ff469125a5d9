/** Kiosk socket events: submit, batch submit (the outbox path) and catch-up. */
import * as v from 'valibot';
import { ErrorCode, fail, ok } from '../../shared/errors.ts';
import { siteRoom } from '../../shared/protocol.ts';
import {
	HeartbeatSchema,
	issueCodes,
	WishIdSchema,
	SyncRequestSchema,
	WishBatchSchema,
	WishSubmitSchema,
	type BatchItemResult,
	type WishSubmit
} from '../../shared/schemas.ts';
import type { KioskService } from '../services/kiosks.ts';
import type { Submitter, WishService } from '../services/wishes.ts';
import { handle } from './ack.ts';
import type { HubSocket } from './types.ts';

export function registerKioskHandlers(
	socket: HubSocket,
	deps: { wishes: WishService; kiosks: KioskService }
): void {
	const { wishes } = deps;
	const by: Submitter = {
		siteId: socket.data.siteId,
		kioskId: socket.data.kioskId,
		channel: 'kiosk',
		actor: `kiosk:${socket.data.kioskId}`
	};

	socket.on(
		'wish:submit',
		handle(WishSubmitSchema, async (wish) => {
			const r = await wishes.submit(by, wish);
			return r.ok ? ok(r.value) : fail(r.error, r.message);
		})
	);

	socket.on(
		'wish:submitBatch',
		handle(WishBatchSchema, async (items) => {
			const results: (BatchItemResult | null)[] = [];
			const valid: { index: number; wish: WishSubmit }[] = [];
			items.forEach((item, index) => {
				const parsed = v.safeParse(WishSubmitSchema, item);
				if (parsed.success) {
					valid.push({ index, wish: parsed.output });
					results.push(null);
				} else {
					// Echo the id only when it is a well-formed one: the kiosk needs it to clear its outbox.
					const rawId = (item as { id?: unknown } | null)?.id;
					const id = v.is(WishIdSchema, rawId) ? rawId : '';
					const message = issueCodes(parsed.issues).join('; ');
					results.push({ id, ok: false, error: ErrorCode.invalidPayload, message });
					deps.kiosks
						.reportRejected(socket.data, id, message)
						.catch((err: unknown) => console.error('could not record a rejected wish', err));
				}
			});
			const outcomes = await wishes.submitMany(
				by,
				valid.map((x) => x.wish)
			);
			valid.forEach(({ index, wish }, i) => {
				const o = outcomes[i]!;
				results[index] = o.ok
					? { id: wish.id, ok: true, wish: o.value }
					: { id: wish.id, ok: false, error: o.error, message: o.message };
			});
			return ok(results as BatchItemResult[]);
		})
	);

	socket.on(
		'kiosk:heartbeat',
		handle(HeartbeatSchema, async (hb) => {
			await deps.kiosks.heartbeat(socket.data.kioskId, hb);
			return ok(null);
		})
	);

	socket.on(
		'sync:since',
		handle(SyncRequestSchema, async ({ since }) => ok(await wishes.sync(socket.data.siteId, since)))
	);
}

export async function onKioskConnection(
	socket: HubSocket,
	deps: { wishes: WishService; kiosks: KioskService }
): Promise<void> {
	// Join first, so nothing committed between the hello and the client's catch-up is missed.
	await socket.join(siteRoom(socket.data.siteId));
	registerKioskHandlers(socket, deps);
	socket.emit('kiosk:hello', await deps.kiosks.hello(socket.data.kioskId));
}
