import type { CategorySettings, DeskSettings } from '../../shared/schemas/desk.ts';

export interface SettingsRepo {
	/** Every category, with its stored settings or the defaults. */
	categorySettings(): Promise<CategorySettings[]>;
	saveCategorySettings(s: CategorySettings, now: number): Promise<void>;
	deskSettings(): Promise<DeskSettings>;
	/** Whether an admin saved this setting (else deskSettings gives its default). */
	hasDeskSetting(key: keyof DeskSettings): Promise<boolean>;
	saveDeskSettings(s: DeskSettings, now: number): Promise<void>;
}
