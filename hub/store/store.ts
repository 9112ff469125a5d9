/**
 * The store seam: what the hub's services may ask of the database, and nothing else. Services
 * see these interfaces and plain row types, never SQL or a driver; hub/db is the SQLite engine
 * behind them, and another engine is another folder that implements the same interfaces.
 */
import type { ActivitiesRepo } from './activities.ts';
import type { AlertsRepo } from './alerts.ts';
import type { AuditRepo } from './audit.ts';
import type { CountersRepo } from './counters.ts';
import type { DeskItemsRepo } from './desk-items.ts';
import type { EnrolmentsRepo } from './enrolments.ts';
import type { EventsRepo } from './events.ts';
import type { FieldRepo } from './field.ts';
import type { HouseholdsRepo } from './households.ts';
import type { KiosksRepo } from './kiosks.ts';
import type { MembersRepo } from './members.ts';
import type { NeedsRepo } from './needs.ts';
import type { NotesRepo } from './notes.ts';
import type { PhotosRepo } from './photos.ts';
import type { PostsRepo } from './posts.ts';
import type { RatingsRepo } from './ratings.ts';
import type { SessionsRepo } from './sessions.ts';
import type { SettingsRepo } from './settings.ts';
import type { SitesRepo } from './sites.ts';
import type { StaffRepo } from './staff.ts';
import type { StationFiguresRepo } from './station-figures.ts';
import type { StationsRepo } from './stations.ts';
import type { TicketsRepo } from './tickets.ts';
import type { VisitsRepo } from './visits.ts';
import type { VoiceRepo } from './voice.ts';
import type { WishesRepo } from './wishes.ts';

/** Every repository, bound to one connection or to one open transaction. */
export interface Repos {
	activities: ActivitiesRepo;
	alerts: AlertsRepo;
	audit: AuditRepo;
	counters: CountersRepo;
	deskItems: DeskItemsRepo;
	enrolments: EnrolmentsRepo;
	events: EventsRepo;
	field: FieldRepo;
	households: HouseholdsRepo;
	kiosks: KiosksRepo;
	members: MembersRepo;
	needs: NeedsRepo;
	notes: NotesRepo;
	photos: PhotosRepo;
	posts: PostsRepo;
	ratings: RatingsRepo;
	sessions: SessionsRepo;
	settings: SettingsRepo;
	sites: SitesRepo;
	staff: StaffRepo;
	stationFigures: StationFiguresRepo;
	stations: StationsRepo;
	tickets: TicketsRepo;
	visits: VisitsRepo;
	voice: VoiceRepo;
	wishes: WishesRepo;
}

export interface Store extends Repos {
	/**
	 * Runs fn in one transaction that holds the database for its whole body: commits when fn
	 * resolves, rolls back (and rethrows) when it throws. Statements on the store itself outside
	 * fn each commit on their own.
	 */
	transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
	/** Whether err is the engine's refusal of a row that repeats a unique key. */
	isUniqueViolation(err: unknown): boolean;
	/** Whether err is the engine's refusal of a row by any constraint (not a failed write). */
	isConstraintViolation(err: unknown): boolean;
	/** A consistent copy of the live database into a new file. */
	backup(destination: string): Promise<void>;
	close(): Promise<void>;
}
