export interface LogEntry {
	seq: number;
	type: string;
	actor: string;
	data: Record<string, unknown>;
	at: number;
}

/** Columns of a wish the public projection leaves out and the member/resident views need. */
export interface WishDetails {
	responded_at: number | null;
	resolved_at: number | null;
	reject_reason: string | null;
	rating: number | null;
	rating_comment: string | null;
	rated_at: number | null;
	site_name: string;
}

export interface DeskFlagRow {
	id: number;
	wish_id: string;
	reason: string;
	data: string;
	seq: number;
	at: number;
}

export interface NotesRepo {
	wishLog(wishId: string): Promise<LogEntry[]>;
	wishDetails(wishId: string): Promise<WishDetails | undefined>;
	insertDeskFlag(f: {
		wishId: string;
		reason: string;
		data: Record<string, unknown>;
		seq: number;
		at: number;
	}): Promise<void>;
	/** Flags staff have not cleared yet, newest first. */
	openDeskFlags(): Promise<DeskFlagRow[]>;
}
