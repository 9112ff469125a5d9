export interface TicketsRepo {
	/**
	 * The highest counter among tickets "<prefix>-NNNN" (0 when there is none). A range of the
	 * ticket_no key rather than LIKE, which SQLite cannot serve from an index (it is case-blind):
	 * a prefix holds no dash, and '.' is the character after '-', so the range is exactly the
	 * prefix's tickets, read from the index alone.
	 */
	lastTicketWithPrefix(prefix: string): Promise<number>;
}
