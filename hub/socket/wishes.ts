/** Kiosk socket events: submit, batch submit (the outbox path) and catch-up. */
import * as v from 'valibot';
import { ErrorCode, fail, ok } from '../../shared/errors.ts';
import { siteRoom } from '../../shared/protocol.ts';
import {
	HeartbeatSchema,
	WishIdSchema,
	SyncRequestSchema,
	WishBatchSchema,
	WishSubmitSchema,
	type BatchItemResult,
	type WishSubmit
} from '../../shared/schemas/wishes.ts';
import { issueCodes } from '../../shared/schemas/issues.ts';
import type { KioskLimits } from '../config.ts';
import type { KioskService } from '../services/kiosks.ts';
import { tokenBucket, type TokenBucket } from '../infra/rate-limit.ts';
import type { Submitter, WishService } from '../services/wishes/service.ts';
import { handle } from './ack.ts';
import type { HubSocket } from './types.ts';

/** One pair of buckets per hub, keyed by kiosk id: a second connection shares the first's. */
export interface KioskSubmitLimits {
	submit: TokenBucket;
	replay: TokenBucket;
}

export function kioskSubmitLimits(limits: KioskLimits, now: () => number): KioskSubmitLimits {
	return { submit: tokenBucket(limits.submit, now), replay: tokenBucket(limits.replay, now) };
}

/** Refused before anything is read or written; the kiosk's replayer retries it later. */
const tooFast = () =>
	fail(ErrorCode.rateLimited, 'this kiosk is sending wishes too fast; try again in a minute');

interface KioskDeps {
	wishes: WishService;
	kiosks: KioskService;
	limits: KioskSubmitLimits;
}

export function registerKioskHandlers(socket: HubSocket, deps: KioskDeps): void {
	const { wishes, limits } = deps;
	const kioskKey = String(socket.data.kioskId);
	const by: Submitter = {
		siteId: socket.data.siteId,
		kioskId: socket.data.kioskId,
		channel: 'kiosk',
		actor: `kiosk:${socket.data.kioskId}`,
		ticketPrefix: socket.data.ticketPrefix
	};

	socket.on(
		'wish:submit',
		handle(WishSubmitSchema, async (wish) => {
			if (!limits.submit.take(kioskKey)) return tooFast();
			const r = await wishes.submit(by, wish);
			return r.ok ? ok(r.value) : fail(r.error, r.message);
		})
	);

	socket.on(
		'wish:submitBatch',
		handle(WishBatchSchema, async (items) => {
			// Counted per wish, valid or not: malformed items are held too.
			if (!limits.replay.take(kioskKey, items.length)) return tooFast();
			const results: (BatchItemResult | null)[] = [];
			const valid: { index: number; wish: WishSubmit }[] = [];
			const malformed: Promise<void>[] = [];
			items.forEach((item, index) => {
				const parsed = v.safeParse(WishSubmitSchema, item);
				if (parsed.success) {
					valid.push({ index, wish: parsed.output });
					results.push(null);
					return;
				}
				// Echo the id only when it is a well-formed one: the kiosk needs it to clear its outbox.
				const rawId = (item as { id?: unknown } | null)?.id;
				const id = v.is(WishIdSchema, rawId) ? rawId : '';
				const message = issueCodes(parsed.issues).join('; ');
				const refusal = { id, ok: false as const, error: ErrorCode.invalidPayload, message };
				results.push(refusal);
				// Held once durable; if it cannot be kept, the kiosk keeps it and sends it again.
				malformed.push(
					wishes.holdMalformed(by, item, id || null, message).then(
						() => void (results[index] = { ...refusal, held: true }),
						(err: unknown) => console.error('could not hold a malformed wish', err)
					)
				);
			});
			const [outcomes] = await Promise.all([
				wishes.submitMany(
					by,
					valid.map((x) => x.wish)
				),
				...malformed
			]);
			valid.forEach(({ index, wish }, i) => {
				const o = outcomes[i]!;
				results[index] = o.ok
					? { id: wish.id, ok: true, wish: o.value }
					: 'held' in o
						? { id: wish.id, ok: false, error: o.error, message: o.message, held: true }
						: { id: wish.id, ok: false, error: o.error, message: o.message };
			});
			return ok(results as BatchItemResult[]);
		})
	);

	socket.on(
		'kiosk:heartbeat',
		handle(HeartbeatSchema, async (hb) => {
			deps.kiosks.heartbeat(socket.data.kioskId, hb);
			return ok(null);
		})
	);

	socket.on(
		'sync:since',
		handle(SyncRequestSchema, async ({ since }) => ok(await wishes.sync(socket.data.siteId, since)))
	);
}

export async function onKioskConnection(socket: HubSocket, deps: KioskDeps): Promise<void> {
	// Join first, so nothing committed between the hello and the client's catch-up is missed.
	await socket.join(siteRoom(socket.data.siteId));
	registerKioskHandlers(socket, deps);
	socket.emit('kiosk:hello', await deps.kiosks.hello(socket.data.kioskId));
}
