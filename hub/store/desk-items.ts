import type { DeskItem, DeskTimelineEntry } from '../../shared/schemas/desk.ts';
import type { FigureItem } from '../../shared/domain/figures.ts';
import type { ChainEvent } from '../../shared/domain/field.ts';
import type { WishRow } from './wishes.ts';

export interface DeskItemsRepo {
	deskItemById(id: string): Promise<DeskItem | null>;
	/** Everything not finished: the queue's raw material (it decides what needs attention). */
	unfinishedItems(limit?: number): Promise<DeskItem[]>;
	/** Ticket (exact, any case), phone digits or words in the text, any status, newest first. */
	searchItems(q: string, limit?: number): Promise<DeskItem[]>;
	/** Same site, same category, received within the window, still open to merging. */
	mergeCandidates(
		item: { id: string; siteSlug: string; category: string },
		since: number
	): Promise<DeskItem[]>;
	timeline(wishId: string): Promise<DeskTimelineEntry[]>;
	mergedFrom(wishId: string): Promise<{ id: string; ticketNo: string; text: string }[]>;
	/** The figures' raw material: items received in [start, end), optionally one site/category. */
	figureRows(
		range: { start: number; end: number },
		filter: { site?: string; category?: string }
	): Promise<FigureItem[]>;
	/** The events that make the field chain's hops, of reports received in the range, in order. */
	chainEvents(
		range: { start: number; end: number },
		filter: { site?: string; category?: string }
	): Promise<ChainEvent[]>;
	/** Items for the CSV export, oldest first. */
	exportItems(
		range: { start: number; end: number },
		filter: { site?: string; category?: string }
	): Promise<DeskItem[]>;
	/**
	 * The item a merged duplicate now stands for (following merges, at most 10 deep), so the
	 * duplicate's resident tracks and rates the item the desk kept. Any other wish is itself.
	 */
	survivorOf(row: WishRow): Promise<WishRow>;
}
