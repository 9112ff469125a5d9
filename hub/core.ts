/**
 * The hub without its HTTP server: database, migrations, services and the Socket.IO wiring.
 * main.ts puts it behind its own server; the Vite dev plugin attaches it to Vite's.
 */
import { mkdir, stat } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { migrate } from './db/migrate.ts';
import { openDb, type Db } from './db/sqlite.ts';
import { headSeq } from './db/repos/events.ts';
import { DEMO_DISPATCHER, seedDemoIfEmpty } from './db/seed.ts';
import { backupNow, listBackups } from './infra/backups.ts';
import { createKioskService } from './services/kiosks.ts';
import { createPhoneService } from './services/phone.ts';
import { createWishService } from './services/wishes.ts';
import { createAutoRelease, type AutoReleaseTuning } from './services/auto-release.ts';
import { createClaimService } from './services/claims.ts';
import { createMemberService, type MemberTuning } from './services/members.ts';
import { createTrackingService, type TrackingTuning } from './services/tracking.ts';
import type { Broadcaster } from './infra/broadcaster.ts';
import { createDispatchService } from './services/dispatch.ts';
import { createFiguresQuery } from './services/figures-query.ts';
import { createFleetService } from './services/fleet.ts';
import { createStaffService, type StaffOptions } from './services/staff.ts';
import { deskRelay, fleetSockets } from './socket/desk.ts';
import { createActivityService } from './services/activities.ts';
import { createStationService, type StationTuning } from './services/stations.ts';
import { attachHandlers, createSocketServer, socketBroadcaster } from './socket/server.ts';
import { kioskSubmitLimits } from './socket/wishes.ts';
import {
	DEFAULT_IP_LIMITS,
	DEFAULT_KIOSK_LIMITS,
	type IpLimits,
	type KioskLimits
} from './config.ts';
import { failureLimiter } from './infra/rate-limit.ts';
import type { HubServer } from './socket/types.ts';

export const DB_FILE = 'wishwall.sqlite';

export interface CoreOptions {
	dataDir: string;
	demo: boolean;
	publicUrl: () => string;
	now?: () => number;
	/** Automatic backups while the hub runs; 0 turns them off. Default: daily. */
	backupEveryMs?: number;
	backupKeep?: number;
	/** WISHWALL_ADMIN_PASSWORD: the desk admin's password (else the first start makes one). */
	adminPassword?: string;
	/** Per-kiosk submission limits; absent: DEFAULT_KIOSK_LIMITS. */
	kioskLimits?: KioskLimits;
	/** Per-address sign-in and code look-up limits; absent: DEFAULT_IP_LIMITS. */
	ipLimits?: IpLimits;
	/** Desk sign-in lockout and session length; tests shorten them. */
	staffTuning?: Pick<StaffOptions, 'maxFailures' | 'lockMs' | 'sessionMs'>;
	/** Member lockout, rating window, auto-release timing; tests shorten them. */
	tuning?: {
		members?: Partial<MemberTuning>;
		tracking?: Partial<TrackingTuning>;
		autoRelease?: Partial<AutoReleaseTuning>;
		stations?: Partial<StationTuning>;
	};
}

export interface Health {
	status: 'ok' | 'degraded';
	db: 'ok' | 'error';
	lastSeq: number | null;
	clients: number;
	uptimeSeconds: number;
	/** Bytes (process.memoryUsage): what the connected fleet costs this process. */
	memory: { heapUsed: number; rss: number };
	/** 99th percentile event-loop delay since the previous health read, in ms. */
	eventLoopP99Ms: number;
}

/** Sampling interval of the event-loop delay monitor; Node reports it inside every sample. */
const LOOP_RESOLUTION_MS = 10;

export async function createCore(opts: CoreOptions) {
	await mkdir(opts.dataDir, { recursive: true });
	const db: Db = await openDb(join(opts.dataDir, DB_FILE));
	try {
		await migrate(db);
	} catch (err) {
		await db.close();
		throw err;
	}
	let io: HubServer | null = null;
	// Events committed before a socket server exists (seeding) have nobody to reach.
	// Set once the desk services exist; events committed before that (seeding) reach nobody anyway.
	let relayToDesks: NonNullable<Broadcaster['desk']> = () => undefined;
	const broadcaster: Broadcaster = {
		wall: (siteId, events) => io && socketBroadcaster(io).wall(siteId, events),
		desk: (events) => relayToDesks(events),
		station: (siteId, service) => io && socketBroadcaster(io).station?.(siteId, service),
		activity: (siteId, change) => io && socketBroadcaster(io).activity?.(siteId, change)
	};
	const now = opts.now ?? Date.now;
	const wishes = createWishService({ db, broadcaster, now });
	const ipLimits = opts.ipLimits ?? DEFAULT_IP_LIMITS;
	const staff = createStaffService({
		db,
		now,
		...opts.staffTuning,
		perAddress: failureLimiter(ipLimits.signIn, now)
	});
	const dispatch = createDispatchService({ db, wishes, now });
	const kiosks = createKioskService({ db, publicUrl: opts.publicUrl, now });
	const fleet = createFleetService({
		db,
		sockets: () => (io ? fleetSockets(io) : null),
		publicUrl: opts.publicUrl,
		now,
		// The admin's auto-release hours drive the running timer (declared below; used later).
		autoRelease: {
			get: () => autoRelease.tuning.afterMs,
			set: (ms) => {
				autoRelease.tuning.afterMs = ms;
			}
		},
		flushReports: kiosks.flush
	});
	const figures = createFiguresQuery({ db, now });
	const desks = deskRelay(() => io, dispatch);
	relayToDesks = desks;
	const stations = createStationService({ db, broadcaster, now, tuning: opts.tuning?.stations });
	const activities = createActivityService({ db, broadcaster, now });
	const phone = createPhoneService({ db, wishes, publicUrl: opts.publicUrl, now });
	const demoKiosks = opts.demo ? await seedDemoIfEmpty(db, wishes, opts.dataDir, now()) : [];
	if (demoKiosks.length > 0) await staff.createInitial({ ...DEMO_DISPATCHER, role: 'dispatcher' });
	const firstAdmin = await staff.ensureFirstAdmin(opts.adminPassword);
	const members = createMemberService({
		db,
		now,
		tuning: opts.tuning?.members,
		perAddress: failureLimiter(ipLimits.signIn, now)
	});
	// One count for both kinds of code, so guessing claim codes does not buy more track guesses.
	const codeMisses = failureLimiter(ipLimits.codeMisses, now);
	const claims = createClaimService({
		db,
		wishes,
		members,
		dataDir: opts.dataDir,
		now,
		codeMisses
	});
	const tracking = createTrackingService({
		db,
		wishes,
		now,
		tuning: opts.tuning?.tracking,
		codeMisses
	});
	const autoRelease = createAutoRelease({ db, wishes, now, tuning: opts.tuning?.autoRelease });
	await fleet.applyStoredSettings();
	autoRelease.start();
	const started = Date.now();
	// A rolling window: each health read reports the delay since the previous read, then resets.
	const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loopDelay.enable();
	function runtime(): Pick<Health, 'memory' | 'eventLoopP99Ms'> {
		const { heapUsed, rss } = process.memoryUsage();
		const p99 = loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS : 0;
		loopDelay.reset();
		return { memory: { heapUsed, rss }, eventLoopP99Ms: Math.max(0, Math.round(p99 * 10) / 10) };
	}
	const stopBackups = scheduleBackups(
		db,
		opts.dataDir,
		opts.backupEveryMs ?? 86_400_000,
		opts.backupKeep ?? 14
	);

	return {
		db,
		wishes,
		kiosks,
		phone,
		members,
		claims,
		tracking,
		autoRelease,
		stations,
		activities,
		demoKiosks,
		staff,
		dispatch,
		fleet,
		figures,
		/** For npm start to print once: the first admin's one-time password (or null). */
		firstAdmin,
		get io() {
			return io;
		},
		attach(http: HttpServer): HubServer {
			io = createSocketServer(http);
			attachHandlers(io, {
				wishes,
				kiosks,
				limits: kioskSubmitLimits(opts.kioskLimits ?? DEFAULT_KIOSK_LIMITS, now),
				tracking,
				stations,
				activities,
				desk: { staff, dispatch }
			});
			return io;
		},
		async health(): Promise<Health> {
			const clients = io?.engine.clientsCount ?? 0;
			const uptimeSeconds = Math.round((Date.now() - started) / 1000);
			try {
				const lastSeq = await headSeq(db);
				return { status: 'ok', db: 'ok', lastSeq, clients, uptimeSeconds, ...runtime() };
			} catch {
				return {
					status: 'degraded',
					db: 'error',
					lastSeq: null,
					clients,
					uptimeSeconds,
					...runtime()
				};
			}
		},
		/** Finish in-flight commits, disconnect clients, close the database. */
		async close(): Promise<void> {
			stopBackups();
			loopDelay.disable();
			await autoRelease.stop();
			await wishes.drain();
			// The desk relay reads each item after commit: let the last reads finish first.
			await desks.drain();
			if (io) {
				io.disconnectSockets(true);
				await new Promise<void>((resolve) => io!.close(() => resolve()));
			}
			await kiosks.close();
			await db.close();
		}
	};
}

export type Core = Awaited<ReturnType<typeof createCore>>;

/** A backup now if the newest is older than the interval, then one every interval. */
function scheduleBackups(db: Db, dataDir: string, everyMs: number, keep: number): () => void {
	if (everyMs <= 0) return () => undefined;
	const run = () =>
		backupNow(db, dataDir, keep).catch((err: unknown) =>
			console.error('automatic backup failed', err)
		);
	const first = setTimeout(() => {
		void listBackups(dataDir).then(async (all) => {
			const newest = all.at(-1);
			const age = newest ? Date.now() - (await stat(newest)).mtimeMs : Infinity;
			if (age >= everyMs) await run();
		});
	}, 5_000);
	const timer = setInterval(() => void run(), everyMs);
	first.unref();
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
