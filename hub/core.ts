/**
 * The composition root: config → store → services → Socket.IO and the hub's own HTTP routes.
 * Everything is wired here once; hub/main.ts puts the core behind its own server and the Vite
 * dev plugin behind Vite's, and both take the same routes and health from it.
 */
import type { Server as HttpServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
	DEFAULT_BACKUP_KEEP,
	DEFAULT_CLIP_LIMITS,
	DEFAULT_IP_LIMITS,
	DEFAULT_KIOSK_LIMITS,
	DEFAULT_ORPHAN_MS,
	DEFAULT_PHONE_LIMIT,
	type HubConfig
} from './config.ts';
import { openSqliteStore } from './db/store.ts';
import { DEMO_DISPATCHER, seedDemoIfEmpty } from './demo/seed.ts';
import type { Health, HubRoute } from './http/app.ts';
import { createPhotoRoutes } from './http/photos.ts';
import { createSpeechRoutes } from './http/speech.ts';
import { createVoiceRoutes } from './http/voice.ts';
import { backupNow, scheduleBackups } from './infra/backups.ts';
import type { Broadcaster } from './infra/broadcaster.ts';
import { failureLimiter } from './infra/rate-limit.ts';
import { createActivityService } from './services/activities/service.ts';
import { createAutoRelease, type AutoReleaseTuning } from './services/auto-release.ts';
import { createClaimService } from './services/claims.ts';
import { createFieldService, scheduleFieldAlerts } from './services/field/service.ts';
import { createNeedService } from './services/needs/service.ts';
import { createPairingService } from './services/pairing/service.ts';
import { createDispatchService } from './services/dispatch/service.ts';
import { createFiguresQuery } from './services/figures/query.ts';
import { createFleetService } from './services/fleet/service.ts';
import { createKioskService } from './services/kiosks.ts';
import { createMemberService, type MemberTuning } from './services/members.ts';
import { scheduleOrphanSweep, sweepOrphans } from './services/orphans.ts';
import { createPhoneService } from './services/phone.ts';
import { createStaffService, type StaffOptions } from './services/staff/service.ts';
import { createStationService, type StationTuning } from './services/stations/service.ts';
import { createTrackingService, type TrackingTuning } from './services/tracking.ts';
import { createWishService } from './services/wishes/service.ts';
import { deskRelay, fleetSockets } from './socket/desk.ts';
import { attachHandlers, createSocketServer, socketBroadcaster } from './socket/server.ts';
import type { HubServer } from './socket/types.ts';
import { kioskSubmitLimits } from './socket/wishes.ts';

export { DB_FILE } from './db/store.ts';

/** What the core takes from the configuration: everything but where and how to listen. */
export type CoreConfig = Omit<HubConfig, 'port' | 'host' | 'tls' | 'buildDir'>;

export interface CoreOptions {
	/** Base of printed QR links (derived from the listening port when not configured). */
	publicUrl: () => string;
	now?: () => number;
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

/** Sampling interval of the event-loop delay monitor; Node reports it inside every sample. */
const LOOP_RESOLUTION_MS = 10;

export async function createCore(config: CoreConfig, opts: CoreOptions) {
	const { store, db } = await openSqliteStore(config.dataDir);
	let io: HubServer | null = null;
	// Events committed before the socket server exists (seeding) reach nobody, as they should.
	let relayToDesks: NonNullable<Broadcaster['desk']> = () => undefined;
	const broadcaster: Broadcaster = {
		wall: (siteId, events) => io && socketBroadcaster(io).wall(siteId, events),
		desk: (events) => relayToDesks(events),
		station: (siteId, service) => io && socketBroadcaster(io).station?.(siteId, service),
		activity: (siteId, change) => io && socketBroadcaster(io).activity?.(siteId, change),
		field: (postIds, change) => io && socketBroadcaster(io).field?.(postIds, change),
		pairing: (visit) => io && socketBroadcaster(io).pairing?.(visit),
		need: (siteId, change) => io && socketBroadcaster(io).need?.(siteId, change)
	};
	const now = opts.now ?? Date.now;
	const ipLimits = config.ipLimits ?? DEFAULT_IP_LIMITS;
	const wishes = createWishService({ store, broadcaster, now });
	const staff = createStaffService({
		store,
		now,
		...opts.staffTuning,
		perAddress: failureLimiter(ipLimits.signIn, now)
	});
	const dispatch = createDispatchService({ store, wishes, now });
	const kiosks = createKioskService({ store, publicUrl: opts.publicUrl, now });
	const fleet = createFleetService({
		store,
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
	const figures = createFiguresQuery({ store, now });
	const desks = deskRelay(() => io, dispatch);
	relayToDesks = desks;
	const stations = createStationService({ store, broadcaster, now, tuning: opts.tuning?.stations });
	const activities = createActivityService({ store, broadcaster, now });
	const phone = createPhoneService({
		store,
		wishes,
		publicUrl: opts.publicUrl,
		now,
		limit: config.phoneLimit ?? DEFAULT_PHONE_LIMIT
	});
	const demoKiosks = config.demo ? await seedDemoIfEmpty(store, wishes, config.dataDir, now()) : [];
	if (demoKiosks.length > 0) await staff.createInitial({ ...DEMO_DISPATCHER, role: 'dispatcher' });
	const firstAdmin = await staff.ensureFirstAdmin(config.adminPassword);
	const members = createMemberService({
		store,
		now,
		tuning: opts.tuning?.members,
		perAddress: failureLimiter(ipLimits.signIn, now)
	});
	// One count for both kinds of code, so guessing claim codes does not buy more track guesses.
	const codeMisses = failureLimiter(ipLimits.codeMisses, now);
	const claims = createClaimService({
		store,
		wishes,
		members,
		dataDir: config.dataDir,
		now,
		codeMisses
	});
	const field = createFieldService({ store, wishes, members, now });
	const pairing = createPairingService({
		store,
		wishes,
		members,
		dataDir: config.dataDir,
		publicUrl: opts.publicUrl,
		now,
		visited: (visit) => broadcaster.pairing?.(visit)
	});
	const needs = createNeedService({
		store,
		broadcaster,
		dataDir: config.dataDir,
		now,
		rules: config.needVotes
	});
	const tracking = createTrackingService({
		store,
		wishes,
		now,
		tuning: opts.tuning?.tracking,
		codeMisses
	});
	const autoRelease = createAutoRelease({
		store,
		wishes,
		now,
		tuning: { ...config.autoRelease, ...opts.tuning?.autoRelease }
	});
	await fleet.applyStoredSettings();
	autoRelease.start();
	const routes: HubRoute[] = [
		createVoiceRoutes({
			store,
			kiosks,
			dataDir: config.dataDir,
			now,
			kioskLimits: config.clipLimits ?? DEFAULT_CLIP_LIMITS
		}),
		createSpeechRoutes({ kiosks, dataDir: config.dataDir }),
		createPhotoRoutes({ claims, pairing, staff })
	];
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
	const backupKeep = config.backupKeep ?? DEFAULT_BACKUP_KEEP;
	const orphans = {
		store,
		dataDir: config.dataDir,
		now,
		maxAgeMs: config.orphanAfterMs ?? DEFAULT_ORPHAN_MS
	};
	const stopOrphanSweep = scheduleOrphanSweep(orphans);
	const stopFieldAlerts = scheduleFieldAlerts(field);
	const stopBackups = scheduleBackups(
		store,
		config.dataDir,
		config.backupEveryMs ?? 86_400_000,
		backupKeep
	);

	return {
		store,
		/** The SQLite handle itself, for tests and operators' tools; services see only the store. */
		db,
		wishes,
		kiosks,
		phone,
		members,
		claims,
		field,
		pairing,
		needs,
		tracking,
		autoRelease,
		stations,
		activities,
		demoKiosks,
		staff,
		dispatch,
		fleet,
		figures,
		/** Voice clips, speech and photos: the hub's HTTP routes outside SvelteKit. */
		routes,
		/** For npm start to print once: the first admin's one-time password (or null). */
		firstAdmin,
		get io() {
			return io;
		},
		/** Deletes orphaned uploads now, as the hourly sweep does. */
		sweepOrphans: () => sweepOrphans(orphans),
		/** A backup now, as the automatic ones are made (same folder, same number kept). */
		backupNow: () => backupNow(store, config.dataDir, backupKeep),
		attach(http: HttpServer): HubServer {
			io = createSocketServer(http);
			attachHandlers(io, {
				wishes,
				kiosks,
				limits: kioskSubmitLimits(config.kioskLimits ?? DEFAULT_KIOSK_LIMITS, now),
				tracking,
				stations,
				activities,
				desk: { staff, dispatch },
				members,
				needs
			});
			return io;
		},
		async health(): Promise<Health> {
			const clients = io?.engine.clientsCount ?? 0;
			const uptimeSeconds = Math.round((Date.now() - started) / 1000);
			try {
				const lastSeq = await store.events.headSeq();
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
			stopOrphanSweep();
			stopFieldAlerts();
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
			await store.close();
		}
	};
}

export type Core = Awaited<ReturnType<typeof createCore>>;
