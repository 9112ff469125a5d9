/**
 * 5. Restart: 1,000 kiosks connected (with the real kiosk's reconnect settings) while wishes are
 * in flight; the server is killed with SIGKILL and started again at once on the same data and
 * port. From the kill: time to listening, time until 95% / 100% of kiosks are reconnected, and
 * until they have caught up (sync:since from their last seen number) to the head sequence number.
 */
import { figure, type Scenario } from '../figures.ts';
import { firstKiosks, nextWish } from '../fleet.ts';
import type { Target } from '../servers.ts';
import { nearestRank, sleep } from '../stats.ts';
import { connectSwarm, dropSwarm, submit, syncSince, type Client } from '../swarm.ts';

interface RestartMeasure {
	kiosks: number;
	/** Spawn → listening (process start, migrations, app load). */
	startMs: number;
	/** SIGKILL → listening again. */
	listeningMs: number;
	reconnected95Ms: number | null;
	reconnected100Ms: number | null;
	caughtUp95Ms: number | null;
	caughtUp100Ms: number | null;
	reconnected: number;
	caughtUp: number;
	/** Kiosks whose catch-up answer carried a head other than the server's final one. */
	behindHead: number;
	headSeq: number;
}

/** Time by which `share` of n kiosks were done; null when fewer than that finished. */
function reached(times: number[], n: number, share: number): number | null {
	if (times.length < Math.ceil(share * n)) return null;
	// Ranked against all n kiosks, not just those that finished.
	const padded = [...times]
		.sort((a, b) => a - b)
		.concat(Array<number>(n - times.length).fill(Infinity));
	return nearestRank(padded, share);
}

async function measure(target: Target, ctx: Parameters<Scenario>[0]): Promise<RestartMeasure> {
	const s = ctx.sizes.restart;
	ctx.log(`restart: ${s.kiosks} kiosks, kill -9 of the ${target.name}`);
	const { clients } = await connectSwarm(target, firstKiosks(ctx.fleet, s.kiosks), {
		reconnect: true,
		reconnectDelayMs: s.reconnectDelayMs
	});
	let killedAt = 0;
	const reconnectedMs: number[] = [];
	const caughtUp = new Map<Client, { ms: number; headSeq: number }>();
	for (const client of clients) {
		let again = false;
		client.socket.on('connect', () => {
			if (killedAt === 0) return;
			if (!again) reconnectedMs.push(performance.now() - killedAt);
			again = true;
			// What the kiosk does on every connect (kiosk-session.svelte.ts): ask for what it missed.
			void syncSince(client, client.lastSeq).then(
				(r) => {
					if (!r.ok || !r.value || caughtUp.has(client)) return;
					client.lastSeq = Math.max(client.lastSeq, r.value.headSeq);
					caughtUp.set(client, { ms: performance.now() - killedAt, headSeq: r.value.headSeq });
				},
				() => undefined // timed out: the next reconnect asks again
			);
		});
	}
	try {
		// Wishes in flight at the moment of the kill: some commit, some never; walls fall behind.
		for (let i = 0; i < Math.min(50, clients.length); i++) {
			const c = clients[Math.floor(Math.random() * clients.length)]!;
			void submit(c, nextWish(c.kiosk)).catch(() => undefined);
		}
		await sleep(20);
		killedAt = performance.now();
		await target.kill9();
		const startMs = await target.start();
		const listeningMs = performance.now() - killedAt;
		const until = performance.now() + s.timeoutMs;
		while (caughtUp.size < clients.length && performance.now() < until) await sleep(50);
		const head = (await target.health()).lastSeq;
		const done = [...caughtUp.values()];
		return {
			kiosks: clients.length,
			startMs,
			listeningMs,
			reconnected95Ms: reached(reconnectedMs, clients.length, 0.95),
			reconnected100Ms: reached(reconnectedMs, clients.length, 1),
			caughtUp95Ms: reached(
				done.map((d) => d.ms),
				clients.length,
				0.95
			),
			caughtUp100Ms: reached(
				done.map((d) => d.ms),
				clients.length,
				1
			),
			reconnected: reconnectedMs.length,
			caughtUp: done.length,
			behindHead: done.filter((d) => d.headSeq !== head).length,
			headSeq: head
		};
	} finally {
		await dropSwarm(target, clients);
	}
}

export const restartScenario: Scenario = async (ctx) => {
	const s = ctx.sizes.restart;
	const ours = await measure(ctx.hub, ctx);
	const base = await measure(ctx.baseline, ctx);
	const full = s.kiosks >= 1_000;
	const at = `@${s.kiosks}`;
	return {
		scenario: 'restart',
		figures: [
			figure('restart', `kill -9 → listening ${at}`, 'ms', ours.listeningMs, base.listeningMs, {
				text: '≤ 2 s',
				met: (x) => x <= 2_000
			}),
			figure('restart', `95% reconnected ${at}`, 'ms', ours.reconnected95Ms, base.reconnected95Ms),
			figure(
				'restart',
				`100% reconnected ${at}`,
				'ms',
				ours.reconnected100Ms,
				base.reconnected100Ms
			),
			figure('restart', `95% caught up ${at}`, 'ms', ours.caughtUp95Ms, base.caughtUp95Ms),
			figure(
				'restart',
				`100% caught up ${at}`,
				'ms',
				ours.caughtUp100Ms,
				base.caughtUp100Ms,
				full ? { text: '≤ 10 s', met: (x) => x <= 10_000 } : { text: '≤ 10 s at 1,000' },
				ours.caughtUp100Ms === null
					? `${ours.caughtUp} of ${ours.kiosks} caught up within ${s.timeoutMs / 1000} s`
					: undefined
			),
			figure('restart', 'kiosks left behind the head', 'count', ours.behindHead, base.behindHead, {
				text: '0',
				met: (x) => x === 0
			})
		],
		details: { hub: ours, baseline: base }
	};
};
