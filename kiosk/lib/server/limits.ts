/** Whole minutes (at least 1) until `at`: what a refused visitor is told to wait. */
export const minutesUntil = (at: number): number =>
	Math.max(1, Math.ceil((at - Date.now()) / 60_000));
