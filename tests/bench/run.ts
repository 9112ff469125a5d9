/**
 * `npm run bench` — every scenario against the hub and the bare baseline, one table on stdout and
 * tests/bench/results/<date>.json.
 *
 *   npm run bench                      full sizes (take figures on a quiet machine)
 *   npm run bench -- --quick           small sizes, a minute or two
 *   npm run bench -- --only=live,ingest
 *   npm run bench -- --cpu-prof        the hub writes a CPU profile into tests/bench/results/prof/
 *
 * WISHWALL_BUILD picks the build the hub serves (default ./build); it is built when missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBench, SCENARIO_NAMES, type ScenarioName } from './bench.ts';
import { table } from './report.ts';
import { FULL, QUICK, TINY } from './sizes.ts';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		tiny: { type: 'boolean', default: false },
		only: { type: 'string' },
		'cpu-prof': { type: 'boolean', default: false }
	}
});

const only = values.only?.split(',').map((s) => s.trim()) as ScenarioName[] | undefined;
const unknown = only?.filter((s) => !SCENARIO_NAMES.includes(s));
if (unknown && unknown.length > 0) {
	console.error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIO_NAMES.join(', ')}`);
	process.exit(2);
}

const buildDir = resolve(process.env.WISHWALL_BUILD ?? 'build');
if ((!only || only.includes('weight')) && !existsSync(join(buildDir, 'handler.js'))) {
	console.log(`no build in ${buildDir}: building it (scenario 6 measures the production build)…`);
	const r = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{
			stdio: 'inherit'
		}
	);
	if (r.status !== 0) process.exit(1);
}

const profDir = join(resultsDir, 'prof');
if (values['cpu-prof']) await mkdir(profDir, { recursive: true });

const sizes = values.tiny ? TINY : values.quick ? QUICK : FULL;
const started = Date.now();
const run = await runBench({
	sizes,
	only,
	buildDir,
	hubNodeArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
	log: (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`)
});

const builtAt = existsSync(join(buildDir, 'handler.js'))
	? new Date(statSync(join(buildDir, 'handler.js')).mtimeMs).toISOString()
	: null;
const m = run.machine;
console.log(
	`\nWishwall bench (${run.mode}) · ${m.cpuModel} × ${m.cores} · ${m.totalMemoryMB} MB · Node ${m.node} · load ${m.loadAtStart} at start`
);
console.log(table(run.results));
if (m.loadAtStart > 1.5) {
	console.log(`\nThe machine was busy (load ${m.loadAtStart}): treat these figures as rough.`);
}

await mkdir(resultsDir, { recursive: true });
const file = join(resultsDir, `${run.startedAt.replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify({ ...run, buildAt: builtAt }, null, '\t')}\n`);
console.log(`\nwrote ${file}`);
// Sockets left half-open by the kill -9 scenario must not keep the command alive.
process.exit(run.results.some((r) => r.error) ? 1 : 0);
