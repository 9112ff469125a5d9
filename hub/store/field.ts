/** The field chain's reads: what a worker's phone lists, and hops nobody took in time. */
import type { WishRow } from './wishes.ts';

/** An item on a post, with what a worker's phone shows of it. */
export interface FieldRow extends WishRow {
	site_name: string;
	village: string;
	urgent: number;
	hop_sent_at: number | null;
	hop_accepted_at: number | null;
	hop_worker_name: string | null;
	arrived_at: number | null;
	/** What the desk wrote with its last dispatch. */
	desk_note: string;
}

/** A hop still waiting for one of its post's workers, not yet reported to the desk. */
export interface WaitingHop {
	wish_id: string;
	site_id: number;
	ticket_no: string;
	post_id: number;
	post_name: string;
	urgent: number;
	hop_sent_at: number;
}

export interface FieldRepo {
	fieldRow(wishId: string): Promise<FieldRow | undefined>;
	/**
	 * Items on these posts that nobody took yet or that this worker holds, and what the worker
	 * finished since `since`; newest hop first.
	 */
	inbox(postIds: readonly number[], workerId: number, since: number): Promise<FieldRow[]>;
	/** Hops nobody accepted and the desk was not yet alerted about. */
	waitingHops(): Promise<WaitingHop[]>;
	/** Notes the alert for the hop sent at sentAt (a newer hop of the item is left alone). */
	markHopAlerted(wishId: string, sentAt: number, at: number): Promise<boolean>;
}
