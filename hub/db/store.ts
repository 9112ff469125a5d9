/**
 * The store on SQLite: the repositories of hub/db/repos bound to the one connection, or to the
 * transaction open on it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repos, Store } from '../store/store.ts';
import { migrate } from './migrate.ts';
import { activitiesRepo } from './repos/activities.ts';
import { alertsRepo } from './repos/alerts.ts';
import { auditRepo } from './repos/audit.ts';
import { countersRepo } from './repos/counters.ts';
import { deskItemsRepo } from './repos/desk-items.ts';
import { enrolmentsRepo } from './repos/enrolments.ts';
import { eventsRepo } from './repos/events.ts';
import { fieldRepo } from './repos/field.ts';
import { householdsRepo } from './repos/households.ts';
import { needsRepo } from './repos/needs.ts';
import { kiosksRepo } from './repos/kiosks.ts';
import { membersRepo } from './repos/members.ts';
import { notesRepo } from './repos/notes.ts';
import { photosRepo } from './repos/photos.ts';
import { postsRepo } from './repos/posts.ts';
import { ratingsRepo } from './repos/ratings.ts';
import { sessionsRepo } from './repos/sessions.ts';
import { settingsRepo } from './repos/settings.ts';
import { sitesRepo } from './repos/sites.ts';
import { staffRepo } from './repos/staff.ts';
import { stationFiguresRepo } from './repos/station-figures.ts';
import { stationsRepo } from './repos/stations.ts';
import { ticketsRepo } from './repos/tickets.ts';
import { visitsRepo } from './repos/visits.ts';
import { voiceRepo } from './repos/voice.ts';
import { wishesRepo } from './repos/wishes.ts';
import { bindFirst } from '../infra/bind.ts';
import { isConstraintViolation, isUniqueViolation, openDb, type Db, type Query } from './sqlite.ts';

/** The database file in the data folder. */
export const DB_FILE = 'wishwall.sqlite';

function reposOn(q: Query): Repos {
	return {
		activities: bindFirst(q, activitiesRepo),
		alerts: bindFirst(q, alertsRepo),
		audit: bindFirst(q, auditRepo),
		counters: bindFirst(q, countersRepo),
		deskItems: bindFirst(q, deskItemsRepo),
		enrolments: bindFirst(q, enrolmentsRepo),
		events: bindFirst(q, eventsRepo),
		field: bindFirst(q, fieldRepo),
		households: bindFirst(q, householdsRepo),
		needs: bindFirst(q, needsRepo),
		kiosks: bindFirst(q, kiosksRepo),
		members: bindFirst(q, membersRepo),
		notes: bindFirst(q, notesRepo),
		photos: bindFirst(q, photosRepo),
		posts: bindFirst(q, postsRepo),
		ratings: bindFirst(q, ratingsRepo),
		sessions: bindFirst(q, sessionsRepo),
		settings: bindFirst(q, settingsRepo),
		sites: bindFirst(q, sitesRepo),
		staff: bindFirst(q, staffRepo),
		stationFigures: bindFirst(q, stationFiguresRepo),
		stations: bindFirst(q, stationsRepo),
		tickets: bindFirst(q, ticketsRepo),
		visits: bindFirst(q, visitsRepo),
		voice: bindFirst(q, voiceRepo),
		wishes: bindFirst(q, wishesRepo)
	};
}

/** Opens (creating when new) and migrates the data folder's database, and the store over it. */
export async function openSqliteStore(dataDir: string): Promise<{ store: Store; db: Db }> {
	await mkdir(dataDir, { recursive: true });
	const db = await openDb(join(dataDir, DB_FILE));
	try {
		await migrate(db);
	} catch (err) {
		await db.close();
		throw err;
	}
	return { store: sqliteStore(db), db };
}

/** The store over an open, migrated database. */
export function sqliteStore(db: Db): Store {
	// A transaction's statements always run on the same connection object, so its repositories
	// are bound once, not per transaction.
	const bound = new WeakMap<Query, Repos>();
	const on = (q: Query): Repos => {
		let repos = bound.get(q);
		if (!repos) bound.set(q, (repos = reposOn(q)));
		return repos;
	};
	return {
		...reposOn(db),
		transaction: (fn) => db.transaction((tx) => fn(on(tx))),
		isUniqueViolation,
		isConstraintViolation,
		backup: (destination) => db.backup(destination),
		close: () => db.close()
	};
}
