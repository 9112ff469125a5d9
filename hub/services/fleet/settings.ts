/**
 * Category SLA hours and phrase chips, and desk-wide settings; the auto-release hours among them
 * drive the running timer.
 */
import type {
	CategorySettings,
	DeskSettings,
	StaffPrincipal
} from '../../../shared/schemas/desk.ts';
import type { Repos, Store } from '../../store/store.ts';
import { adminChange, type FleetDeps } from './deps.ts';

/** Stored settings, with the auto-release hours the timer really uses when none are stored. */
export async function effectiveSettings(d: FleetDeps, q: Repos | Store): Promise<DeskSettings> {
	const stored = await q.settings.deskSettings();
	const saved = await q.settings.hasDeskSetting('autoReleaseHours');
	const running = d.autoRelease?.get();
	return !saved && running ? { ...stored, autoReleaseHours: running / 3600_000 } : stored;
}

/** Category phrase chips and SLA hours, for anyone (kiosks read phrases; no secrets here). */
export function categories(d: FleetDeps) {
	return d.store.settings.categorySettings();
}

/** The desk-wide settings as they are in effect, for anyone. */
export function settings(d: FleetDeps) {
	return effectiveSettings(d, d.store);
}

export function saveCategory(d: FleetDeps, by: StaffPrincipal, input: CategorySettings) {
	return adminChange(d, by, async (tx, at) => {
		const before = (await tx.settings.categorySettings()).find(
			(c) => c.category === input.category
		);
		await tx.settings.saveCategorySettings(input, at);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'category.update',
				targetType: 'category',
				targetId: input.category,
				before,
				after: input
			}
		};
	});
}

/** Saves the desk-wide settings; once committed, the auto-release timer uses the new hours. */
export async function saveSettings(d: FleetDeps, by: StaffPrincipal, input: DeskSettings) {
	const r = await adminChange(d, by, async (tx, at) => {
		const before = await effectiveSettings(d, tx);
		await tx.settings.saveDeskSettings(input, at);
		return {
			ok: true,
			value: null,
			audit: {
				action: 'settings.update',
				targetType: 'settings',
				targetId: 'desk',
				before,
				after: input
			}
		};
	});
	if (r.ok) d.autoRelease?.set(input.autoReleaseHours * 3600_000);
	return r;
}

/** At start: a saved auto-release time overrides the configured default. */
export async function applyStoredSettings(d: FleetDeps): Promise<void> {
	const saved = await d.store.settings.hasDeskSetting('autoReleaseHours');
	if (saved)
		d.autoRelease?.set((await d.store.settings.deskSettings()).autoReleaseHours * 3600_000);
}
