import { en } from './en.ts';
import { zhCN, type Catalogue } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

let current: Catalogue = zhCN;

export function setLocale(locale: Locale): void {
	current = catalogues[locale];
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
