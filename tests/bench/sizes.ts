/**
 * How big each scenario runs. FULL is what the issue asks for; QUICK is for a busy machine or a
 * first look; TINY only proves that every scenario still produces numbers (the smoke test).
 */
export interface Sizes {
	label: 'full' | 'quick' | 'tiny';
	fleet: { kiosks: number[]; idleWindowMs: number };
	live: {
		kiosks: number[];
		ratePerSecond: number;
		/** Load offered and not recorded before each steady run, for both servers alike. */
		warmupMs: number;
		/** Recorded time per server, taken in this many alternating stretches (live.ts). */
		durationMs: number;
		rounds: number;
		/** Rates tried, in order, at the largest live fleet until fan-out p99 passes the limit. */
		rampRates: number[];
		rampStepMs: number;
		rampLimitMs: number;
	};
	ingest: {
		kiosks: number;
		/** Per loop, taken in `rounds` alternating stretches like live's. */
		durationMs: number;
		rounds: number;
		batch: number;
		baselineBatch: number;
	};
	catchUp: { single: number; kiosks: number; perKiosk: number; batch: number; timeoutMs: number };
	restart: {
		kiosks: number;
		timeoutMs: number;
		/** First reconnect delay; absent = the real kiosk's (swarm.ts KIOSK_RECONNECT). */
		reconnectDelayMs?: number;
	};
	weight: { runs: number; cpuSlowdown: number; quietWindowMs: number };
}

export const FULL: Sizes = {
	label: 'full',
	fleet: { kiosks: [500, 1_000, 2_000], idleWindowMs: 10_000 },
	live: {
		kiosks: [200, 1_000],
		ratePerSecond: 20,
		warmupMs: 3_000,
		// 900 wishes a run: p99 is then the 9th worst, not the 3rd of 300 (one stall decided it).
		durationMs: 45_000,
		rounds: 9,
		rampRates: [50, 100, 200, 400, 800, 1_600],
		rampStepMs: 4_000,
		rampLimitMs: 250
	},
	ingest: { kiosks: 50, durationMs: 20_000, rounds: 5, batch: 50, baselineBatch: 100 },
	catchUp: { single: 1_000, kiosks: 200, perKiosk: 120, batch: 50, timeoutMs: 120_000 },
	restart: { kiosks: 1_000, timeoutMs: 60_000 },
	weight: { runs: 3, cpuSlowdown: 4, quietWindowMs: 3_000 }
};

export const QUICK: Sizes = {
	label: 'quick',
	fleet: { kiosks: [100, 300], idleWindowMs: 2_000 },
	live: {
		kiosks: [50, 100],
		ratePerSecond: 20,
		warmupMs: 1_000,
		durationMs: 3_000,
		rounds: 1,
		rampRates: [50, 200, 800],
		rampStepMs: 1_500,
		rampLimitMs: 250
	},
	ingest: { kiosks: 20, durationMs: 2_000, rounds: 1, batch: 50, baselineBatch: 100 },
	catchUp: { single: 300, kiosks: 50, perKiosk: 40, batch: 50, timeoutMs: 30_000 },
	restart: { kiosks: 200, timeoutMs: 30_000 },
	weight: { runs: 1, cpuSlowdown: 4, quietWindowMs: 2_000 }
};

export const TINY: Sizes = {
	label: 'tiny',
	fleet: { kiosks: [10], idleWindowMs: 200 },
	live: {
		kiosks: [10],
		ratePerSecond: 20,
		warmupMs: 0,
		durationMs: 500,
		rounds: 2,
		rampRates: [50],
		rampStepMs: 400,
		rampLimitMs: 250
	},
	ingest: { kiosks: 5, durationMs: 400, rounds: 2, batch: 10, baselineBatch: 10 },
	catchUp: { single: 40, kiosks: 10, perKiosk: 6, batch: 5, timeoutMs: 10_000 },
	// Only the smoke test runs TINY: a short first retry keeps it fast; figures are not the point.
	restart: { kiosks: 10, timeoutMs: 15_000, reconnectDelayMs: 100 },
	weight: { runs: 1, cpuSlowdown: 4, quietWindowMs: 500 }
};

/** Kiosks the hub must have enrolled for these sizes. */
export function fleetSize(s: Sizes): number {
	return Math.max(
		...s.fleet.kiosks,
		...s.live.kiosks,
		s.ingest.kiosks,
		s.catchUp.kiosks,
		s.restart.kiosks
	);
}
