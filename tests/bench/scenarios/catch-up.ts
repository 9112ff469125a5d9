/**
 * 4. Catch-up after an outage: one kiosk replays 1,000 queued wishes in outbox batches (time to
 * all acked); 200 kiosks replay 120 each at once (time to all committed, and to every kiosk of
 * each site having seen all of its site's wishes); then the same fleet replay again, which must
 * add no rows.
 */
import type { WishSubmit } from '../../../shared/schemas/wishes.ts';
import { figure, type Scenario } from '../figures.ts';
import { firstKiosks, nextWish } from '../fleet.ts';
import type { Target } from '../servers.ts';
import { sleep } from '../stats.ts';
import {
	bySite,
	connectSwarm,
	dropSwarm,
	onWallEvents,
	sendBatch,
	type Client,
	type SeenEvent
} from '../swarm.ts';

/** Sends the queue in batches, one after another as the real replayer does; returns failures. */
async function replay(client: Client, queue: WishSubmit[], batch: number): Promise<number> {
	let failed = 0;
	for (let i = 0; i < queue.length; i += batch) {
		failed += (await sendBatch(client, queue.slice(i, i + batch))).failed;
	}
	return failed;
}

interface FleetReplay {
	ackedMs: number;
	/** null when not every wish reached every kiosk of its site within the timeout. */
	fannedOutMs: number | null;
	failed: number;
	missingDeliveries: number;
}

/** All clients replay their queues at once; measures acks and fan-out of the replayed ids. */
async function replayTogether(
	clients: Client[],
	queues: Map<Client, WishSubmit[]>,
	batch: number,
	timeoutMs: number
): Promise<FleetReplay> {
	const sites = bySite(clients);
	const ids = new Set([...queues.values()].flat().map((w) => w.id));
	let remaining = 0;
	// Each wish must reach every swarm kiosk of its site, the sender included (its wall too).
	for (const [, list] of sites) {
		const siteWishes = list.reduce((n, c) => n + queues.get(c)!.length, 0);
		remaining += siteWishes * list.length;
	}
	let fannedAt: number | null = null;
	const t0 = performance.now();
	const offs = clients.map((client) => {
		const onEvent = (e: SeenEvent) => {
			if (!ids.has(e.wish?.id ?? '')) return;
			if (--remaining === 0) fannedAt = performance.now();
		};
		return onWallEvents(client.socket, onEvent);
	});
	try {
		const failures = await Promise.all(clients.map((c) => replay(c, queues.get(c)!, batch)));
		const ackedMs = performance.now() - t0;
		const until = t0 + timeoutMs;
		while (fannedAt === null && performance.now() < until) {
			await sleep(20);
		}
		return {
			ackedMs,
			fannedOutMs: fannedAt === null ? null : (fannedAt as number) - t0,
			failed: failures.reduce((a, b) => a + b, 0),
			missingDeliveries: fannedAt === null ? remaining : 0
		};
	} finally {
		for (const off of offs) off();
	}
}

async function measure(target: Target, ctx: Parameters<Scenario>[0]) {
	const s = ctx.sizes.catchUp;
	const log = (m: string) => ctx.log(`catch-up: ${m} on the ${target.name}`);

	log(`one kiosk replays ${s.single}`);
	const [first] = firstKiosks(ctx.fleet, 1);
	const one = await connectSwarm(target, [first!]);
	let single: { ackedMs: number; failed: number };
	try {
		const queue = Array.from({ length: s.single }, () => nextWish(first!));
		const t0 = performance.now();
		const failed = await replay(one.clients[0]!, queue, s.batch);
		single = { ackedMs: performance.now() - t0, failed };
	} finally {
		await dropSwarm(target, one.clients);
	}

	log(`${s.kiosks} kiosks × ${s.perKiosk} replay together`);
	const { clients } = await connectSwarm(target, firstKiosks(ctx.fleet, s.kiosks));
	try {
		const queues = new Map(
			clients.map((c) => [c, Array.from({ length: s.perKiosk }, () => nextWish(c.kiosk))])
		);
		const together = await replayTogether(clients, queues, s.batch, s.timeoutMs);

		log('the same fleet replay again');
		const rowsBefore = await target.wishRows();
		const seqBefore = (await target.health()).lastSeq;
		const t0 = performance.now();
		const failures = await Promise.all(clients.map((c) => replay(c, queues.get(c)!, s.batch)));
		const againMs = performance.now() - t0;
		const rowsAdded = (await target.wishRows()) - rowsBefore;
		const eventsAdded = (await target.health()).lastSeq - seqBefore;
		return {
			single,
			together,
			again: { ms: againMs, failed: failures.reduce((a, b) => a + b, 0), rowsAdded, eventsAdded }
		};
	} finally {
		await dropSwarm(target, clients);
	}
}

export const catchUpScenario: Scenario = async (ctx) => {
	const s = ctx.sizes.catchUp;
	const ours = await measure(ctx.hub, ctx);
	const base = await measure(ctx.baseline, ctx);
	const total = s.kiosks * s.perKiosk;
	// The goals are set for the full sizes; smaller runs show them without a verdict.
	const atFull = (text: string, full: boolean, limitMs: number) =>
		full ? { text, met: (x: number) => x <= limitMs } : { text: `${text} at full size` };
	return {
		scenario: 'catch-up',
		figures: [
			figure(
				'catch-up',
				`1 kiosk replays ${s.single} (batches of ${s.batch}): all acked`,
				'ms',
				ours.single.ackedMs,
				base.single.ackedMs,
				atFull('≤ 2 s', s.single >= 1_000, 2_000)
			),
			figure(
				'catch-up',
				`${s.kiosks} kiosks × ${s.perKiosk} together: all acked`,
				'ms',
				ours.together.ackedMs,
				base.together.ackedMs
			),
			figure(
				'catch-up',
				`${s.kiosks} kiosks × ${s.perKiosk} together: all fanned out`,
				'ms',
				ours.together.fannedOutMs,
				base.together.fannedOutMs,
				atFull('≤ 30 s', total >= 24_000, 30_000),
				ours.together.fannedOutMs === null
					? `${ours.together.missingDeliveries} deliveries still missing after ${s.timeoutMs / 1000} s`
					: undefined
			),
			figure('catch-up', `second identical replay of ${total}`, 'ms', ours.again.ms, base.again.ms),
			figure(
				'catch-up',
				'rows added by the second replay',
				'rows',
				ours.again.rowsAdded,
				base.again.rowsAdded,
				{ text: '0', met: (x) => x === 0 },
				`events added: hub ${ours.again.eventsAdded}, baseline ${base.again.eventsAdded}`
			),
			figure(
				'catch-up',
				'wishes refused or timed out',
				'count',
				ours.single.failed + ours.together.failed + ours.again.failed,
				base.single.failed + base.together.failed + base.again.failed,
				{ text: '0', met: (x) => x === 0 }
			)
		],
		details: { hub: ours, baseline: base }
	};
};
