/**
 * Keeps `npm run bench` from rotting: every scenario runs at the tiniest sizes against a real hub
 * process and the bare baseline. Only that numbers come out is checked, never their values:
 * figures are for the bench's table, not for pass/fail.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench, type ScenarioName } from '../bench/bench.ts';
import type { ScenarioResult } from '../bench/figures.ts';
import { TINY } from '../bench/sizes.ts';

function expectNumbers(results: ScenarioResult[], names: ScenarioName[]): void {
	expect(results.map((r) => r.scenario)).toEqual(names);
	for (const r of results) {
		expect(r.error, `${r.scenario} failed`).toBeUndefined();
		expect(r.figures.length, `${r.scenario} has figures`).toBeGreaterThan(0);
		for (const f of r.figures) {
			// A ramp's crossing point is legitimately absent when neither server reaches the limit
			// within the ramp (a quiet machine at tiny sizes): that figure may be empty.
			if (f.metric.startsWith('rate where')) continue;
			const measured = [f.ours, f.baseline].filter((x) => typeof x === 'number');
			expect(measured.length, `${r.scenario} · ${f.metric} has a number`).toBeGreaterThan(0);
		}
		// Side by side is the point: at least one figure of each scenario has both servers' numbers.
		expect(r.figures.some((f) => f.ours !== null && f.baseline !== null)).toBe(true);
	}
}

describe('the bench at its tiniest sizes', () => {
	it('measures fleet, live latency, ingest, catch-up and restart on the hub and the baseline', async () => {
		const names: ScenarioName[] = ['fleet', 'live', 'ingest', 'catch-up', 'restart'];
		const run = await runBench({ sizes: TINY, only: names, buildDir: join('no-build-here') });
		expectNumbers(run.results, names);
		expect(run.machine.cores).toBeGreaterThan(0);
		// Tiny sizes, but four server starts: 20–30 s measured on a 2-core box at load 7–10.
	}, 120_000);

	const buildDir = resolve(process.env.WISHWALL_BUILD ?? 'build');
	it.skipIf(!existsSync(join(buildDir, 'handler.js')))(
		'weighs the built kiosk page and the bare page in Chromium',
		async () => {
			const run = await runBench({ sizes: TINY, only: ['weight'], buildDir });
			expectNumbers(run.results, ['weight']);
		},
		120_000
	);
});
