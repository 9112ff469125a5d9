/**
 * Warm-station use cases, bound to what they share (deps.ts). Inputs are validated by the caller
 * (socket layer or form action). Every change is one transaction with one station event (and an
 * audit row), broadcast to the site's kiosks only after COMMIT.
 */
import { bindFirst } from '../../infra/bind.ts';
import { stationDeps, type StationOptions } from './deps.ts';
import { figures } from './figures.ts';
import { setPin, setStateWithPin, unlock } from './pin.ts';
import { saveService, setState, sites, view } from './services.ts';
import { visit } from './visits.ts';

export function createStationService(opts: StationOptions) {
	const deps = stationDeps(opts);
	return {
		/** The very object the use cases read, so a change to it takes effect at once. */
		tuning: deps.tuning,
		...bindFirst(deps, {
			setState,
			view,
			sites,
			setStateWithPin,
			unlock,
			saveService,
			setPin,
			figures,
			visit
		})
	};
}

export type StationServiceApi = ReturnType<typeof createStationService>;
export { DEFAULT_STATION_TUNING } from './deps.ts';
export type { StationActor, StationOptions, StationTuning } from './deps.ts';
export type { StationFigures } from './figures.ts';
export type { StationSite } from './services.ts';
