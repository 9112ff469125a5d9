/**
 * The household pages' inputs and files: a household from the form or from a CSV line (checked
 * with the shared schema, line by line), and the list as a CSV that the import reads back.
 */
import * as v from 'valibot';
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import { HouseholdInputSchema, type HouseholdDetail } from '$shared/schemas/pairing.ts';
import type { StaffPrincipal } from '$shared/schemas/desk.ts';
import { columnIndex, parseCsv, type Cell } from '$lib/csv.ts';
import { longTime } from '$lib/desk-format.ts';
import { text } from '$lib/server/form-action.ts';
import { t } from '$lib/i18n/index.ts';

/** Several tags in one cell or field: | (or a full-width ｜ or 、) between them. */
const tagsCell = (cell: string) =>
	cell
		.split(/[|｜、]/)
		.map((s) => s.trim())
		.filter(Boolean);

/** A whole number as typed; NaN (refused by the schema) when empty or not a number. */
const count = (raw: string) => (raw.trim() === '' ? NaN : Number(raw.trim()));

export const householdInput = (f: FormData) => ({
	siteSlug: text(f, 'siteSlug'),
	headName: text(f, 'headName'),
	address: text(f, 'address'),
	phone: text(f, 'phone').trim(),
	people: count(text(f, 'people')),
	tags: f.getAll('tags').filter((x): x is string => typeof x === 'string' && x !== ''),
	notes: text(f, 'notes')
});

/** A CSV no larger than 1 MB. */
export const HouseholdFileSchema = v.pipe(
	v.instance(File, 'no_header'),
	v.check((file) => file.size > 0 && file.size <= 1_000_000, 'no_header')
);

/** The import's columns, by their Chinese header (the export writes the same). */
const COLUMNS = {
	headName: ['户主', 'head'],
	siteSlug: ['站点代号', 'site'],
	address: ['地址', 'address'],
	phone: ['电话', 'phone'],
	people: ['人口', 'people'],
	tags: ['标签', 'tags'],
	notes: ['备注', 'notes']
} as const;

export type ImportResult = { added: number; errors: { line: number; reason: string }[] };

/**
 * Checks every line with the shared schema, sends the good ones, and lists the refused ones by
 * spreadsheet line (the header is line 1). Nothing is written from a line in error.
 */
export async function importHouseholds(
	hub: App.Locals['hub'],
	by: StaffPrincipal,
	file: File
): Promise<Outcome<ImportResult>> {
	const rows = parseCsv(await file.text());
	const header = rows[0] ?? [];
	const at = Object.fromEntries(
		Object.entries(COLUMNS).map(([key, names]) => [key, columnIndex(header, names)])
	) as Record<keyof typeof COLUMNS, number>;
	if (rows.length < 2 || at.headName < 0 || at.siteSlug < 0 || at.people < 0) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'no_header' };
	}
	const good: { line: number; household: v.InferOutput<typeof HouseholdInputSchema> }[] = [];
	const bad: ImportResult['errors'] = [];
	rows.slice(1).forEach((raw, i) => {
		const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (raw[at[k]] ?? '').trim() : '');
		const parsed = v.safeParse(HouseholdInputSchema, {
			siteSlug: cell('siteSlug'),
			headName: cell('headName'),
			address: cell('address'),
			phone: cell('phone'),
			people: count(cell('people')),
			tags: tagsCell(cell('tags')),
			notes: cell('notes')
		});
		if (parsed.success) good.push({ line: i + 2, household: parsed.output });
		else bad.push({ line: i + 2, reason: parsed.issues[0]?.message ?? ErrorCode.invalidPayload });
	});
	const r = good.length > 0 ? await hub.pairing.importHouseholds(by, good) : null;
	if (r && !r.ok) return r;
	return {
		ok: true,
		value: {
			added: r?.value.added ?? 0,
			errors: [...bad, ...(r?.value.errors ?? [])].sort((a, b) => a.line - b.line)
		}
	};
}

/** The households as the import reads them, then who is paired and when they were last visited. */
export function householdsTable(households: HouseholdDetail[]): Cell[][] {
	const c = t().pairing.csv;
	return [
		[
			c.head,
			c.site,
			c.address,
			c.phone,
			c.people,
			c.tags,
			c.notes,
			c.village,
			c.member,
			c.memberNo,
			c.lastVisit,
			c.overdue
		],
		...households.map((h) => [
			h.headName,
			h.siteSlug,
			h.address,
			h.phone,
			h.people,
			h.tags.join('|'),
			h.notes,
			h.village,
			h.pairing?.memberName ?? '',
			h.pairing?.memberNo ?? '',
			longTime(h.lastVisitAt),
			h.overdue ? c.yes : c.no
		])
	];
}
