/**
 * 结对帮扶, bound to what it shares (deps.ts): the desk's households and pairings (staff), the
 * coverage at a glance, and the paired member's visits from the phone (session token).
 */
import { bindFirst } from '../../infra/bind.ts';
import { coverage } from './coverage.ts';
import { pairingDeps, type PairingOptions } from './deps.ts';
import {
	createHousehold,
	doorCard,
	household,
	households,
	importHouseholds,
	setIncome,
	updateHousehold
} from './households.ts';
import { endPairing, pair } from './pairings.ts';
import {
	byDoorCode,
	checkVisitUpload,
	householdForMember,
	logVisit,
	myHouseholds,
	storeVisitPhoto,
	visitPhoto
} from './visits.ts';

export function createPairingService(opts: PairingOptions) {
	return bindFirst(pairingDeps(opts), {
		households,
		household,
		createHousehold,
		updateHousehold,
		setIncome,
		importHouseholds,
		doorCard,
		pair,
		endPairing,
		coverage,
		myHouseholds,
		byDoorCode,
		householdForMember,
		logVisit,
		checkVisitUpload,
		storeVisitPhoto,
		visitPhoto
	});
}

export type PairingService = ReturnType<typeof createPairingService>;
