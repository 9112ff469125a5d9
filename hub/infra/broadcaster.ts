import type { ActivityChanged, StationService } from '../../shared/schemas/stations.ts';
import type { WallEvent } from '../../shared/schemas/wishes.ts';
import type { FieldChange } from '../../shared/protocol.ts';
import type { NeedChanged } from '../../shared/schemas/needs.ts';

/**
 * Where committed events go. Socket.IO implements it in one process; a multi-process hub would
 * put an adapter (Redis, Postgres) behind the same call.
 */
export interface Broadcaster {
	wall(siteId: number, events: WallEvent[]): void;
	/** Every committed event, for the desks (which add the resident's contact themselves). */
	desk?(events: Omit<WallEvent, 'counters'>[]): void;
	/** A station service's state, note, hours or name changed: every kiosk of its site. */
	station?(siteId: number, service: StationService): void;
	/** An activity or its sign-ups changed: kiosks of its site refresh their 近期活动 list. */
	activity?(siteId: number, change: ActivityChanged): void;
	/** An item sent to these posts changed: their field workers' phones. */
	field?(postIds: readonly number[], change: FieldChange): void;
	/** A household visit was logged: the desks (coverage). */
	pairing?(visit: { householdId: number; siteSlug: string }): void;
	/** A need changed: the walls of its site (they read their list again) and the desks. */
	need?(siteId: number, change: NeedChanged): void;
}
