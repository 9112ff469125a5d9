/**
 * Runs the scenarios against the real hub and the bare baseline, each in its own process, with
 * this process as the kiosk swarm. run.ts is the command line; the smoke test calls this directly.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, Scenario, ScenarioResult } from './figures.ts';
import { enrolFleet } from './fleet.ts';
import { machine, type Machine } from './report.ts';
import { catchUpScenario } from './scenarios/catch-up.ts';
import { fleetScenario } from './scenarios/fleet.ts';
import { ingestScenario } from './scenarios/ingest.ts';
import { liveScenario } from './scenarios/live.ts';
import { restartScenario } from './scenarios/restart.ts';
import { weightScenario } from './scenarios/weight.ts';
import { baselineTarget, hubTarget } from './servers.ts';
import { fleetSize, type Sizes } from './sizes.ts';

/** In running order: fleet first on fresh processes (memory), restart last (it kills them). */
export const SCENARIOS = {
	fleet: fleetScenario,
	live: liveScenario,
	ingest: ingestScenario,
	'catch-up': catchUpScenario,
	weight: weightScenario,
	restart: restartScenario
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export interface BenchOptions {
	sizes: Sizes;
	only?: ScenarioName[];
	/** adapter-node output; the weight scenario is skipped when it holds no build. */
	buildDir: string;
	/** Extra node flags for the hub process, e.g. --cpu-prof. */
	hubNodeArgs?: string[];
	log?: (message: string) => void;
}

export interface BenchRun {
	startedAt: string;
	mode: Sizes['label'];
	machine: Machine;
	sizes: Sizes;
	buildDir: string;
	results: ScenarioResult[];
}

export async function runBench(opts: BenchOptions): Promise<BenchRun> {
	const log = opts.log ?? (() => undefined);
	const startedAt = new Date().toISOString();
	const info = machine(Math.round(loadavg()[0]! * 100) / 100);
	const root = await mkdtemp(join(tmpdir(), 'wishwall-bench-'));
	const hubDataDir = join(root, 'hub');
	const baselineDir = join(root, 'baseline');
	await mkdir(baselineDir, { recursive: true });
	const results: ScenarioResult[] = [];
	const hub = hubTarget({
		dataDir: hubDataDir,
		buildDir: opts.buildDir,
		nodeArgs: opts.hubNodeArgs
	});
	const baseline = baselineTarget({ dataDir: baselineDir });
	try {
		const count = fleetSize(opts.sizes);
		log(`enrolling ${count} kiosks`);
		const { kiosks: fleet, enrolments } = await enrolFleet(
			hubDataDir,
			count,
			opts.sizes.weight.runs
		);
		await hub.start();
		await baseline.start();
		const ctx: BenchContext = {
			hub,
			baseline,
			fleet,
			enrolments,
			sizes: opts.sizes,
			buildDir: opts.buildDir,
			log
		};
		for (const name of SCENARIO_NAMES) {
			if (opts.only && !opts.only.includes(name)) continue;
			const t0 = performance.now();
			const seconds = () => Math.round((performance.now() - t0) / 100) / 10;
			if (name === 'weight' && !existsSync(join(opts.buildDir, 'handler.js'))) {
				results.push({
					scenario: name,
					figures: [],
					details: {},
					skipped: `no build in ${opts.buildDir}`,
					seconds: 0
				});
				continue;
			}
			try {
				results.push({ ...(await SCENARIOS[name](ctx)), seconds: seconds() });
			} catch (err) {
				const message = err instanceof Error ? err.message : String(err);
				log(`${name} failed: ${message}`);
				results.push({
					scenario: name,
					figures: [],
					details: {},
					error: message,
					seconds: seconds()
				});
				// A failed restart can leave a server down; the next scenario needs both.
				if (!hub.running()) await hub.start();
				if (!baseline.running()) await baseline.start();
			}
		}
	} finally {
		await Promise.all([hub.stop(), baseline.stop()]);
		await rm(root, { recursive: true, force: true });
	}
	return {
		startedAt,
		mode: opts.sizes.label,
		machine: info,
		sizes: opts.sizes,
		buildDir: opts.buildDir,
		results
	};
}
