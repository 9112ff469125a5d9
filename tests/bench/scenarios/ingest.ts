/**
 * 3. Durable ingest: 50 kiosks in a closed loop (send, wait for the ack that follows COMMIT, send
 * again). Once one wish per request (wish:submit), once through the outbox path
 * (wish:submitBatch). The baseline runs the same two loops; its 100-row transactions are the
 * ceiling our figure is held against.
 */
import { figure, type Scenario } from '../figures.ts';
import { firstKiosks, nextWish } from '../fleet.ts';
import type { Target } from '../servers.ts';
import { spread, type Spread } from '../stats.ts';
import { connectSwarm, dropSwarm, sendBatch, submit, type Client } from '../swarm.ts';

interface IngestRun {
	batch: number;
	rowsPerSecond: number;
	rows: number;
	failed: number;
	/** Time from send to ack of each request (a whole batch for the outbox path). */
	ack: Spread;
	seconds: number;
}

/** Every client sends `batch` wishes per request, back to back, until durationMs is up. */
async function closedLoop(
	clients: Client[],
	batch: number,
	durationMs: number
): Promise<IngestRun> {
	const ackMs: number[] = [];
	let rows = 0;
	let failed = 0;
	const start = performance.now();
	const end = start + durationMs;
	await Promise.all(
		clients.map(async (client) => {
			while (performance.now() < end) {
				const wishes = Array.from({ length: batch }, () => nextWish(client.kiosk));
				const t0 = performance.now();
				try {
					if (batch === 1) {
						const r = await submit(client, wishes[0]!);
						if (r.ok) rows += 1;
						else failed += 1;
					} else {
						const r = await sendBatch(client, wishes);
						rows += r.stored;
						failed += r.failed;
					}
				} catch {
					failed += batch;
				}
				ackMs.push(performance.now() - t0);
			}
		})
	);
	const seconds = (performance.now() - start) / 1000;
	return { batch, rowsPerSecond: rows / seconds, rows, failed, ack: spread(ackMs), seconds };
}

async function measure(target: Target, ctx: Parameters<Scenario>[0], batches: number[]) {
	const s = ctx.sizes.ingest;
	const { clients } = await connectSwarm(target, firstKiosks(ctx.fleet, s.kiosks));
	try {
		const runs: IngestRun[] = [];
		for (const batch of batches) {
			ctx.log(`ingest: ${s.kiosks} kiosks, ${batch} per request, on the ${target.name}`);
			runs.push(await closedLoop(clients, batch, s.durationMs));
		}
		return runs;
	} finally {
		await dropSwarm(target, clients);
	}
}

export const ingestScenario: Scenario = async (ctx) => {
	const s = ctx.sizes.ingest;
	const [oneByOne, outbox] = await measure(ctx.hub, ctx, [1, s.batch]);
	const [baseOne, baseOutbox, baseBest] = await measure(ctx.baseline, ctx, [
		1,
		s.batch,
		s.baselineBatch
	]);
	const best = baseBest!.rowsPerSecond;
	const goal = {
		text: `≥ 40% of baseline's ${s.baselineBatch}-row transactions`,
		met: (x: number) => x >= 0.4 * best
	};
	const share = (x: number) =>
		`${Math.round((100 * x) / best)}% of the baseline's ${s.baselineBatch}-row transactions (${Math.round(best)} rows/s)`;
	return {
		scenario: 'ingest',
		figures: [
			figure(
				'ingest',
				`wish:submit, ack after commit, ${s.kiosks} kiosks`,
				'wishes/s',
				oneByOne!.rowsPerSecond,
				baseOne!.rowsPerSecond,
				goal,
				share(oneByOne!.rowsPerSecond)
			),
			figure('ingest', `wish:submit ack p99`, 'ms', oneByOne!.ack.p99, baseOne!.ack.p99),
			figure(
				'ingest',
				`outbox batches of ${s.batch}, ${s.kiosks} kiosks`,
				'wishes/s',
				outbox!.rowsPerSecond,
				baseOutbox!.rowsPerSecond,
				goal,
				share(outbox!.rowsPerSecond)
			),
			figure('ingest', `outbox batch ack p99`, 'ms', outbox!.ack.p99, baseOutbox!.ack.p99),
			figure('ingest', `baseline ${s.baselineBatch}-row transactions`, 'rows/s', null, best),
			figure(
				'ingest',
				'requests refused or timed out',
				'count',
				oneByOne!.failed + outbox!.failed,
				baseOne!.failed + baseOutbox!.failed + baseBest!.failed,
				{ text: '0', met: (x) => x === 0 }
			)
		],
		details: {
			hub: { oneByOne, outbox },
			baseline: { oneByOne: baseOne, outbox: baseOutbox, best: baseBest }
		}
	};
};
