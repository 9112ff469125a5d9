import type { Query } from '../sqlite.ts';

/**
 * The highest counter among tickets "<prefix>-NNNN" (0 when there is none). A range of the
 * ticket_no key rather than LIKE, which SQLite cannot serve from an index (it is case-blind):
 * a prefix holds no dash, and '.' is the character after '-', so the range is exactly the
 * prefix's tickets, read from the index alone.
 */
export async function lastTicketWithPrefix(tx: Query, prefix: string): Promise<number> {
	const row = await tx.get<{ n: number | null }>(
		`SELECT max(CAST(substr(ticket_no, ?) AS INTEGER)) AS n FROM wishes
		WHERE ticket_no >= ? AND ticket_no < ?`,
		[prefix.length + 2, `${prefix}-`, `${prefix}.`]
	);
	return row?.n ?? 0;
}
