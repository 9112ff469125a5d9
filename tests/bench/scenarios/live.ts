/**
 * 2. Live latency: at 200 and 1,000 kiosks, wishes from random kiosks at 20/s (open loop, so a
 * slow server cannot slow the offered load down): submit→ack, and submit→seen on each of the
 * other nine kiosks of the site. Then the rate is raised step by step at the largest fleet until
 * fan-out p99 passes 250 ms.
 */
import { figure, type Figure, type Scenario } from '../figures.ts';
import { firstKiosks, KIOSKS_PER_SITE, nextWish } from '../fleet.ts';
import type { Target } from '../servers.ts';
import { sleep, spread, type Spread } from '../stats.ts';
import {
	bySite,
	inTurns,
	onWallEvents,
	submit,
	withSwarms,
	type Client,
	type SeenEvent
} from '../swarm.ts';

export interface LiveRun {
	rate: number;
	sent: number;
	acked: number;
	failed: number;
	ack: Spread;
	fanout: Spread;
	expectedDeliveries: number;
	missingDeliveries: number;
}

/** What one stretch of offered load saw, before it is summed up. */
interface LiveSample {
	rate: number;
	sent: number;
	failed: number;
	ackMs: number[];
	fanoutMs: number[];
	expected: number;
}

/** Offers `rate` wishes/s for durationMs from random clients; waits ≤ 5 s for stragglers. */
async function offer(clients: Client[], rate: number, durationMs: number): Promise<LiveSample> {
	const sites = bySite(clients);
	const pending = new Map<string, { t0: number; sender: Client; left: number }>();
	const ackMs: number[] = [];
	const fanoutMs: number[] = [];
	let failed = 0;
	let expected = 0;
	const handlers = clients.map((client) => {
		const onEvent = (e: SeenEvent) => {
			const p = pending.get(e.wish?.id ?? '');
			if (!p || p.sender === client) return;
			fanoutMs.push(performance.now() - p.t0);
			if (--p.left === 0) pending.delete(e.wish!.id!);
		};
		return onWallEvents(client.socket, onEvent);
	});
	const acks: Promise<void>[] = [];
	const start = performance.now();
	let sent = 0;
	try {
		for (;;) {
			const elapsed = performance.now() - start;
			if (elapsed >= durationMs) break;
			const due = Math.floor((elapsed * rate) / 1000);
			while (sent < due) {
				sent++;
				const sender = clients[Math.floor(Math.random() * clients.length)]!;
				const wish = nextWish(sender.kiosk);
				const others = sites.get(sender.kiosk.site)!.length - 1;
				expected += others;
				const t0 = performance.now();
				if (others > 0) pending.set(wish.id, { t0, sender, left: others });
				acks.push(
					submit(sender, wish).then(
						(r) => {
							if (r.ok) ackMs.push(performance.now() - t0);
							else failed++;
						},
						() => {
							failed++;
						}
					)
				);
			}
			await sleep(2);
		}
		await Promise.all(acks);
		const until = performance.now() + 5_000;
		while (pending.size > 0 && performance.now() < until) await sleep(20);
	} finally {
		for (const off of handlers) off();
	}
	return { rate, sent, failed, ackMs, fanoutMs, expected };
}

/** Stretches of the same load on one server, pooled: percentiles over all their samples. */
function pooled(parts: readonly LiveSample[]): LiveRun {
	const ackMs = parts.flatMap((p) => p.ackMs);
	const fanoutMs = parts.flatMap((p) => p.fanoutMs);
	const expected = parts.reduce((n, p) => n + p.expected, 0);
	return {
		rate: parts[0]!.rate,
		sent: parts.reduce((n, p) => n + p.sent, 0),
		acked: ackMs.length,
		failed: parts.reduce((n, p) => n + p.failed, 0),
		ack: spread(ackMs),
		fanout: spread(fanoutMs),
		expectedDeliveries: expected,
		missingDeliveries: expected - fanoutMs.length
	};
}

interface LiveMeasure {
	steady: Record<number, LiveRun>;
	ramp: LiveRun[];
	/** Highest rate tried whose fan-out p99 stayed within the limit (0: none did). */
	lastOkRate: number;
	/** First rate whose p99 passed the limit (or lost deliveries); null: never within the ramp. */
	crossRate: number | null;
}

function newMeasure(): LiveMeasure {
	return { steady: {}, ramp: [], lastOkRate: 0, crossRate: null };
}

/** Raises the rate step by step until fan-out p99 passes the limit or deliveries are lost. */
async function rampUp(
	target: Target,
	clients: Client[],
	m: LiveMeasure,
	ctx: Parameters<Scenario>[0]
): Promise<void> {
	const s = ctx.sizes.live;
	for (const rate of s.rampRates) {
		ctx.log(`live: ramp ${rate}/s at ${clients.length} kiosks on the ${target.name}`);
		const run = pooled([await offer(clients, rate, s.rampStepMs)]);
		m.ramp.push(run);
		const lost = run.failed > 0 || run.missingDeliveries > 0;
		if (lost || !(run.fanout.p99 <= s.rampLimitMs)) {
			m.crossRate = rate;
			return;
		}
		m.lastOkRate = rate;
	}
}

/**
 * Both servers, with both swarms connected throughout, take the steady load in alternating
 * stretches (hub, baseline | baseline, hub | …), pooled per server. One 45-s run each, minutes
 * apart, let the shared two-core machine's drift decide the ratio: the baseline's own p99 at
 * 1,000 kiosks moved between 7.3 and 12.1 ms from run to run. In turns, both meet the same drift.
 */
async function measure(ctx: Parameters<Scenario>[0]): Promise<Map<Target, LiveMeasure>> {
	const s = ctx.sizes.live;
	const targets = [ctx.hub, ctx.baseline];
	const out = new Map(targets.map((t) => [t, newMeasure()]));
	const largest = Math.max(...s.kiosks);
	for (const n of s.kiosks) {
		await withSwarms(targets, firstKiosks(ctx.fleet, n), async (swarms) => {
			for (const t of targets) {
				// Not recorded: the first wishes through a fresh process meet cold code (JIT) and
				// statements not yet prepared; the figures are for a server that has been running. The
				// heap left by the previous scenario (2,000 dropped sockets) is collected first, so its
				// full collection does not land in this one's figures.
				await t.memory();
				if (s.warmupMs > 0) await offer(swarms.get(t)!, s.ratePerSecond, s.warmupMs);
			}
			const parts = new Map(targets.map((t) => [t, [] as LiveSample[]]));
			for (let r = 0; r < s.rounds; r++) {
				for (const t of inTurns(targets, r)) {
					ctx.log(
						`live: ${n} kiosks × ${s.ratePerSecond}/s on the ${t.name}, stretch ${r + 1} of ${s.rounds}`
					);
					parts.get(t)!.push(await offer(swarms.get(t)!, s.ratePerSecond, s.durationMs / s.rounds));
				}
			}
			for (const t of targets) out.get(t)!.steady[n] = pooled(parts.get(t)!);
			if (n !== largest) return;
			for (const t of targets) await rampUp(t, swarms.get(t)!, out.get(t)!, ctx);
		});
	}
	return out;
}

export const liveScenario: Scenario = async (ctx) => {
	const s = ctx.sizes.live;
	const measured = await measure(ctx);
	const ours = measured.get(ctx.hub)!;
	const base = measured.get(ctx.baseline)!;
	const figures: Figure[] = [];
	for (const n of s.kiosks) {
		const o = ours.steady[n]!;
		const b = base.steady[n]!;
		const at = `@${n}×${s.ratePerSecond}/s`;
		figures.push(
			figure('live', `ack p50 ${at}`, 'ms', o.ack.p50, b.ack.p50),
			figure('live', `ack p99 ${at}`, 'ms', o.ack.p99, b.ack.p99),
			figure('live', `ack max ${at}`, 'ms', o.ack.max, b.ack.max),
			figure('live', `fan-out p50 ${at}`, 'ms', o.fanout.p50, b.fanout.p50),
			figure(
				'live',
				`fan-out p99 ${at}`,
				'ms',
				o.fanout.p99,
				b.fanout.p99,
				n === 200
					? {
							text: '≤ 1.5× baseline, ≤ 100 ms',
							met: (x, y) => x <= 100 && y !== null && x <= 1.5 * y
						}
					: { text: '≤ 1.5× baseline', met: (x, y) => y !== null && x <= 1.5 * y }
			),
			figure('live', `fan-out max ${at}`, 'ms', o.fanout.max, b.fanout.max),
			figure(
				'live',
				`deliveries missing ${at}`,
				'count',
				o.missingDeliveries,
				b.missingDeliveries,
				{
					text: '0',
					met: (x) => x === 0
				}
			)
		);
	}
	const largest = Math.max(...s.kiosks);
	const describe = (m: LiveMeasure) =>
		m.crossRate === null
			? `never passed ${s.rampLimitMs} ms up to ${s.rampRates.at(-1)}/s`
			: `passed at ${m.crossRate}/s`;
	const deliveries = (m: LiveMeasure) =>
		m.crossRate === null ? '' : ` (${m.crossRate * (KIOSKS_PER_SITE - 1)} deliveries/s)`;
	figures.push(
		figure(
			'live',
			`rate where fan-out p99 passes ${s.rampLimitMs} ms @${largest}`,
			'wishes/s',
			ours.crossRate,
			base.crossRate,
			undefined,
			`hub ${describe(ours)}${deliveries(ours)}; baseline ${describe(base)}${deliveries(base)}`
		),
		figure(
			'live',
			`highest rate tried with fan-out p99 ≤ ${s.rampLimitMs} ms @${largest}`,
			'wishes/s',
			ours.lastOkRate,
			base.lastOkRate
		)
	);
	return { scenario: 'live', figures, details: { hub: ours, baseline: base } };
};
