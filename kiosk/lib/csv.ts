/**
 * CSV for the desk: exports Excel opens correctly with Chinese (UTF-8 with BOM, CRLF), and a
 * forgiving reader for member imports (BOM, quotes, CRLF or LF).
 */
export type Cell = string | number | null | undefined;

const BOM = '\uFEFF';

function cell(value: Cell): string {
	if (value === null || value === undefined) return '';
	let s = String(value);
	// A cell starting with = + - @ would run as a formula in a spreadsheet; residents wrote these.
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Cell[][]): string {
	return BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Rows of cells; quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
	const src = text.startsWith(BOM) ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < src.length; i++) {
		const c = src[i]!;
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Where a column is in a header row, by any of its names (case and spaces ignored); -1 if none. */
export function columnIndex(header: readonly string[], names: readonly string[]): number {
	const wanted = names.map((n) => n.trim().toLowerCase());
	return header.findIndex((h) => wanted.includes(h.trim().toLowerCase()));
}
