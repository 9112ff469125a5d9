import type { deskZhCN } from './desk.zh-CN.ts';
import type { pairingZhCN } from './pairing.zh-CN.ts';
import type { stationDeskZhCN } from './station-desk.zh-CN.ts';
import { zhCN, type KioskCatalogue, type Widen } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';

/**
 * The desk's sections. They are long and only staff read them, so they are not in the kiosk's
 * catalogue: desk pages load them first (`loadStaffStrings`, from the root layout and the server
 * hook) and a kiosk never downloads them.
 */
export interface StaffStrings {
	desk: Widen<typeof deskZhCN>;
	stationDesk: Widen<typeof stationDeskZhCN>;
	pairing: Widen<typeof pairingZhCN>;
}

export type Catalogue = KioskCatalogue & StaffStrings;

const kioskLoaders: Record<Locale, () => Promise<KioskCatalogue>> = {
	'zh-CN': () => Promise.resolve(zhCN),
	en: async () => (await import('./en.ts')).en
};

const staffLoaders: Record<Locale, () => Promise<StaffStrings>> = {
	'zh-CN': async () => {
		const [desk, stationDesk, pairing] = await Promise.all([
			import('./desk.zh-CN.ts'),
			import('./station-desk.zh-CN.ts'),
			import('./pairing.zh-CN.ts')
		]);
		return {
			desk: desk.deskZhCN,
			stationDesk: stationDesk.stationDeskZhCN,
			pairing: pairing.pairingZhCN
		};
	},
	en: async () => {
		const [desk, stationDesk, pairing] = await Promise.all([
			import('./desk.en.ts'),
			import('./station-desk.en.ts'),
			import('./pairing.en.ts')
		]);
		return {
			desk: desk.deskEn,
			stationDesk: stationDesk.stationDeskEn,
			pairing: pairing.pairingEn
		};
	}
};

let locale: Locale = 'zh-CN';
let kioskStrings: KioskCatalogue = zhCN;
let staffStrings: StaffStrings | undefined;
let current = compose();

/** Reading a desk string where none were loaded is a bug in the page, so it says so loudly. */
function compose(): Catalogue {
	if (staffStrings) return { ...kioskStrings, ...staffStrings };
	const missing = (): never => {
		throw new Error('desk strings are not loaded: await loadStaffStrings() first');
	};
	return Object.defineProperties(
		{ ...kioskStrings },
		{ desk: { get: missing }, stationDesk: { get: missing }, pairing: { get: missing } }
	) as Catalogue;
}

export async function setLocale(next: Locale): Promise<void> {
	const [kiosk, staff] = await Promise.all([
		kioskLoaders[next](),
		staffStrings ? staffLoaders[next]() : undefined
	]);
	locale = next;
	kioskStrings = kiosk;
	staffStrings = staff;
	current = compose();
}

/** Adds the desk's sections to the catalogue (once; later calls return at once). */
export async function loadStaffStrings(): Promise<void> {
	while (!staffStrings) {
		const wanted = locale;
		const staff = await staffLoaders[wanted]();
		// After a locale switch meanwhile, the next turn loads the new locale's strings.
		if (locale === wanted && !staffStrings) {
			staffStrings = staff;
			current = compose();
		}
	}
}

/** The active catalogue; read strings as `t().wall.empty`. */
export function t(): Catalogue {
	return current;
}

/** Fills {name}-style slots. */
export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** A Chinese message for an error code, falling back to the generic one. */
export function errorMessage(code: string): string {
	const errors = current.errors as Record<string, string>;
	return errors[code] ?? current.errors.generic;
}
