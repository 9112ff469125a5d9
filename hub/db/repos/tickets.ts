import type { Query } from '../sqlite.ts';
import type { TicketsRepo } from '../../store/tickets.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function lastTicketWithPrefix(tx: Query, prefix: string): Promise<number> {
	const row = await tx.get<{ n: number | null }>(`SELECT ${lastTicketOf('?1')} AS n`, [prefix]);
	return row?.n ?? 0;
}

/** lastTicketWithPrefix as a subquery (NULL, not 0, when there is none) for a prefix given in SQL. */
export function lastTicketOf(prefix: string): string {
	return `(SELECT max(CAST(substr(ticket_no, length(${prefix}) + 2) AS INTEGER)) FROM wishes
		WHERE ticket_no >= ${prefix} || '-' AND ticket_no < ${prefix} || '.')`;
}

export const ticketsRepo: SqlRepo<TicketsRepo> = {
	lastTicketWithPrefix
};
