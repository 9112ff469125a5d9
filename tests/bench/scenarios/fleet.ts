/**
 * 1. Fleet: connect 500 / 1,000 / 2,000 kiosks at once (authenticated, each in its site room) and
 * measure the server's heap and RSS per kiosk (after forced GC, against the same server with no
 * kiosks), the time to greet them all, and the event-loop delay while they sit idle.
 */
import { figure, type Figure, type Scenario } from '../figures.ts';
import { firstKiosks } from '../fleet.ts';
import type { Target } from '../servers.ts';
import { sleep, spread } from '../stats.ts';
import { connectSwarm, dropSwarm } from '../swarm.ts';

const KB = 1024;

interface FleetMeasure {
	kiosks: number;
	heapPerKioskKB: number;
	rssPerKioskKB: number;
	heapMB: number;
	rssMB: number;
	connectAllMs: number;
	connectP99Ms: number;
	idleLoopP99Ms: number;
	clientsSeen: number;
}

async function measure(
	target: Target,
	kiosks: Parameters<typeof connectSwarm>[1],
	idleWindowMs: number
): Promise<FleetMeasure> {
	const before = await target.memory();
	const { clients, connectMs, totalMs } = await connectSwarm(target, kiosks);
	try {
		await sleep(500);
		await target.health(); // starts a fresh event-loop window
		await sleep(idleWindowMs);
		const idle = await target.health();
		const after = await target.memory();
		const n = kiosks.length;
		return {
			kiosks: n,
			heapPerKioskKB: (after.heapUsed - before.heapUsed) / n / KB,
			rssPerKioskKB: (after.rss - before.rss) / n / KB,
			heapMB: after.heapUsed / KB / KB,
			rssMB: after.rss / KB / KB,
			connectAllMs: totalMs,
			connectP99Ms: spread(connectMs).p99,
			idleLoopP99Ms: idle.eventLoopP99Ms,
			clientsSeen: idle.clients
		};
	} finally {
		await dropSwarm(target, clients);
	}
}

export const fleetScenario: Scenario = async (ctx) => {
	const figures: Figure[] = [];
	const details: Record<string, unknown> = {};
	const largest = Math.max(...ctx.sizes.fleet.kiosks);
	for (const n of ctx.sizes.fleet.kiosks) {
		const kiosks = firstKiosks(ctx.fleet, n);
		ctx.log(`fleet: ${n} kiosks on the hub`);
		const ours = await measure(ctx.hub, kiosks, ctx.sizes.fleet.idleWindowMs);
		ctx.log(`fleet: ${n} kiosks on the baseline`);
		const base = await measure(ctx.baseline, kiosks, ctx.sizes.fleet.idleWindowMs);
		details[String(n)] = { hub: ours, baseline: base };
		const at = `@${n}`;
		figures.push(
			figure(
				'fleet',
				`heap per kiosk ${at}`,
				'KB',
				ours.heapPerKioskKB,
				base.heapPerKioskKB,
				n !== largest
					? undefined
					: n >= 2_000
						? { text: '≤ 30 KB', met: (o) => o <= 30 }
						: { text: '≤ 30 KB at 2,000' }
			),
			figure('fleet', `RSS per kiosk ${at}`, 'KB', ours.rssPerKioskKB, base.rssPerKioskKB),
			figure('fleet', `heap total ${at}`, 'MB', ours.heapMB, base.heapMB),
			figure('fleet', `connect all ${at}`, 'ms', ours.connectAllMs, base.connectAllMs),
			figure('fleet', `connect p99 ${at}`, 'ms', ours.connectP99Ms, base.connectP99Ms),
			figure('fleet', `idle loop delay p99 ${at}`, 'ms', ours.idleLoopP99Ms, base.idleLoopP99Ms)
		);
	}
	return { scenario: 'fleet', figures, details };
};
