import type { Query } from '../sqlite.ts';

/** The highest counter among tickets "<prefix>-NNNN" (0 when there is none). */
export async function lastTicketWithPrefix(tx: Query, prefix: string): Promise<number> {
	const row = await tx.get<{ n: number | null }>(
		`SELECT max(CAST(substr(ticket_no, ?) AS INTEGER)) AS n FROM wishes WHERE ticket_no LIKE ?`,
		[prefix.length + 2, `${prefix}-%`]
	);
	return row?.n ?? 0;
}
