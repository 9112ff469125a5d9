/** The table on stdout and the JSON file in tests/bench/results/. */
import { cpus, totalmem, platform, release } from 'node:os';
import type { Figure, ScenarioResult } from './figures.ts';

export interface Machine {
	cpuModel: string;
	cores: number;
	totalMemoryMB: number;
	node: string;
	os: string;
	/** 1-minute load average when the run started: a busy machine skews every figure. */
	loadAtStart: number;
}

export function machine(load: number): Machine {
	const list = cpus();
	return {
		cpuModel: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
		node: process.version,
		os: `${platform()} ${release()}`,
		loadAtStart: load
	};
}

function cell(x: number | null): string {
	return x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function verdict(f: Figure): string {
	if (f.goal === null) return '';
	if (f.met === null) return `${f.goal} (not judged)`;
	return `${f.goal}: ${f.met ? 'met' : 'NOT MET'}`;
}

/** One plain-text table: scenario, figure, ours, baseline, ratio, goal and verdict. */
export function table(results: ScenarioResult[]): string {
	const rows: string[][] = [
		['scenario', 'figure', 'unit', 'ours', 'baseline', 'ours÷base', 'goal']
	];
	const notes: string[] = [];
	for (const r of results) {
		if (r.skipped || r.error) {
			rows.push([
				r.scenario,
				r.skipped ? `skipped: ${r.skipped}` : `FAILED: ${r.error}`,
				'',
				'',
				'',
				'',
				''
			]);
			continue;
		}
		for (const f of r.figures) {
			rows.push([
				f.scenario,
				f.metric,
				f.unit,
				cell(f.ours),
				cell(f.baseline),
				cell(f.ratio),
				verdict(f)
			]);
			if (f.note) notes.push(`  ${f.scenario} · ${f.metric}: ${f.note}`);
		}
	}
	const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
	const line = (row: string[]) =>
		row
			.map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
			.join('  ')
			.trimEnd();
	const out = [
		line(rows[0]!),
		widths.map((w) => '─'.repeat(w)).join('  '),
		...rows.slice(1).map(line)
	];
	if (notes.length > 0) out.push('', 'notes:', ...notes);
	const judged = results.flatMap((r) => r.figures).filter((f) => f.met !== null);
	const missed = judged.filter((f) => f.met === false);
	out.push(
		'',
		`goals: ${judged.length - missed.length} of ${judged.length} judged goals met` +
			(missed.length > 0
				? `; not met: ${missed.map((f) => `${f.scenario} · ${f.metric}`).join('; ')}`
				: '')
	);
	return out.join('\n');
}
