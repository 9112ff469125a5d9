/** What a scenario reports: figures side by side with the baseline, and goals met or not. */
import type { Enrolment, Kiosk } from './fleet.ts';
import type { Sizes } from './sizes.ts';
import type { Target } from './servers.ts';
import { round } from './stats.ts';

export interface Figure {
	scenario: string;
	metric: string;
	unit: string;
	ours: number | null;
	baseline: number | null;
	/** ours ÷ baseline. */
	ratio: number | null;
	goal: string | null;
	/** null when the figure has no goal (or could not be measured). */
	met: boolean | null;
	note?: string;
}

export interface ScenarioResult {
	scenario: string;
	figures: Figure[];
	/** Everything measured, for the JSON file (per-step samples, counts, settings). */
	details: Record<string, unknown>;
	error?: string;
	skipped?: string;
	seconds: number;
}

export interface Goal {
	text: string;
	/** Absent: the goal is shown for reference but not judged (e.g. a smaller run than it is set for). */
	met?: (ours: number, baseline: number | null) => boolean;
}

export interface BenchContext {
	hub: Target;
	baseline: Target;
	fleet: Kiosk[];
	/** One per weight run: a kiosk whose browser enrols during the run (its first visit). */
	enrolments: Enrolment[];
	sizes: Sizes;
	/** adapter-node output the hub serves (scenario 6 reads its files). */
	buildDir: string;
	log(message: string): void;
}

export type Scenario = (ctx: BenchContext) => Promise<Omit<ScenarioResult, 'seconds'>>;

export function figure(
	scenario: string,
	metric: string,
	unit: string,
	ours: number | null,
	baseline: number | null,
	goal?: Goal,
	note?: string
): Figure {
	const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
	const o = finite(ours);
	const b = finite(baseline);
	return {
		scenario,
		metric,
		unit,
		ours: o === null ? null : round(o),
		baseline: b === null ? null : round(b),
		ratio: o !== null && b !== null && b !== 0 ? round(o / b, 2) : null,
		goal: goal?.text ?? null,
		met: goal?.met && o !== null ? goal.met(o, b) : null,
		...(note ? { note } : {})
	};
}
