/** What a write reads of what is already stored before it numbers and checks anything. */

import { ticketCounter, ticketPrefixOf } from '../../../shared/domain/codes.ts';

import type { Repos } from '../../store/store.ts';

/**
 * What a commit needs of what is already stored: the log's head (its events are numbered after
 * it) and a kiosk's highest ticket counter (its next may not run far past it). Read inside the
 * write transaction, so nothing can commit in between.
 */
export interface Known {
	head(tx: Repos): Promise<number>;
	lastTicket(tx: Repos, prefix: string): Promise<number>;
	/** This transaction appended events up to `seq` and wrote these tickets. */
	wrote(seq: number, tickets: readonly string[]): void;
}

/** Known, read from the store every time. */
export const readEachTime: Known = {
	head: (tx) => tx.events.headSeq(),
	lastTicket: (tx, prefix) => tx.tickets.lastTicketWithPrefix(prefix),
	wrote: () => undefined
};

/**
 * Known, read once and then carried forward by each commit of this process, so a commit does not
 * read them again: a round trip fewer each, on the one connection every wish waits for. Valid
 * while this process is the only writer of wishes and events (the hub holds its data folder);
 * whoever runs the transaction calls forget() when it fails, and the next one reads afresh.
 */
export function carriedForward(): Known & { forget(): void } {
	let head: number | null = null;
	const tickets = new Map<string, number>();
	return {
		async head(tx) {
			head ??= await tx.events.headSeq();
			return head;
		},
		async lastTicket(tx, prefix) {
			let last = tickets.get(prefix);
			if (last === undefined) {
				last = await tx.tickets.lastTicketWithPrefix(prefix);
				tickets.set(prefix, last);
			}
			return last;
		},
		wrote(seq, written) {
			head = seq;
			for (const ticket of written) {
				const prefix = ticketPrefixOf(ticket);
				const last = tickets.get(prefix);
				if (last !== undefined) tickets.set(prefix, Math.max(last, ticketCounter(ticket)));
			}
		},
		forget() {
			head = null;
			tickets.clear();
		}
	};
}
