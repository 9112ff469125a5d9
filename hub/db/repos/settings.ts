/** Desk settings: per-category SLA hours and phrase chips, and desk-wide hours (key/value). */
import { CATEGORIES, type CategoryId } from '../../../shared/domain/categories.ts';
import {
	DEFAULT_ACCEPT_LIMITS,
	DEFAULT_ONSITE_HOURS,
	DEFAULT_RESOLUTION_HOURS
} from '../../../shared/domain/sla.ts';
import type { CategorySettings, DeskSettings } from '../../../shared/schemas/desk.ts';
import type { Query } from '../sqlite.ts';
import { type SettingsRepo } from '../../store/settings.ts';
import type { SqlRepo } from '../sql-repo.ts';

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
	// A micro-wish nobody has claimed for this long comes to the desk.
	escalationHours: 12,
	// A claim with no progress for this long goes back to the wall (hub/services/auto-release.ts).
	autoReleaseHours: 72,
	// Nobody of the post took a hop for this long: the desk is alerted.
	acceptUrgentMinutes: DEFAULT_ACCEPT_LIMITS.urgentMinutes,
	acceptMinutes: DEFAULT_ACCEPT_LIMITS.normalMinutes
};

interface CategoryRow {
	category: CategoryId;
	response_hours: number;
	urgent_hours: number;
	resolution_hours: number;
	onsite_hours: number;
	phrases: string;
}

/** Every category, with its stored settings or the defaults. */
export async function categorySettings(tx: Query): Promise<CategorySettings[]> {
	const rows = await tx.all<CategoryRow>(
		'SELECT category, response_hours, urgent_hours, resolution_hours, onsite_hours, phrases FROM category_settings'
	);
	const stored = new Map(rows.map((r) => [r.category, r]));
	return CATEGORIES.map((c) => {
		const r = stored.get(c.id);
		return r
			? {
					category: c.id,
					responseHours: r.response_hours,
					urgentHours: r.urgent_hours,
					resolutionHours: r.resolution_hours,
					onsiteHours: r.onsite_hours,
					phrases: JSON.parse(r.phrases) as string[]
				}
			: {
					category: c.id,
					responseHours: c.responseHours,
					urgentHours: c.urgentHours,
					resolutionHours: DEFAULT_RESOLUTION_HOURS,
					onsiteHours: DEFAULT_ONSITE_HOURS,
					phrases: [...c.phrases]
				};
	});
}

export async function saveCategorySettings(
	tx: Query,
	s: CategorySettings,
	now: number
): Promise<void> {
	await tx.run(
		`INSERT INTO category_settings (category, response_hours, urgent_hours, resolution_hours, onsite_hours, phrases, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (category) DO UPDATE SET response_hours = excluded.response_hours,
			urgent_hours = excluded.urgent_hours, resolution_hours = excluded.resolution_hours,
			onsite_hours = excluded.onsite_hours, phrases = excluded.phrases, updated_at = excluded.updated_at`,
		[
			s.category,
			s.responseHours,
			s.urgentHours,
			s.resolutionHours,
			s.onsiteHours,
			JSON.stringify(s.phrases),
			now
		]
	);
}

export async function deskSettings(tx: Query): Promise<DeskSettings> {
	const rows = await tx.all<{ key: string; value: string }>('SELECT key, value FROM desk_settings');
	const out: DeskSettings = { ...DEFAULT_DESK_SETTINGS };
	for (const { key, value } of rows) {
		if (key in out && Number.isFinite(Number(value)))
			out[key as keyof DeskSettings] = Number(value);
	}
	return out;
}

export async function hasDeskSetting(tx: Query, key: keyof DeskSettings): Promise<boolean> {
	return (await tx.get('SELECT 1 AS x FROM desk_settings WHERE key = ?', [key])) !== undefined;
}

export async function saveDeskSettings(tx: Query, s: DeskSettings, now: number): Promise<void> {
	for (const [key, value] of Object.entries(s)) {
		await tx.run(
			`INSERT INTO desk_settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			[key, String(value), now]
		);
	}
}

export const settingsRepo: SqlRepo<SettingsRepo> = {
	categorySettings,
	saveCategorySettings,
	deskSettings,
	hasDeskSetting,
	saveDeskSettings
};
