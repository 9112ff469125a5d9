/**
 * A real hub for integration tests: a temp data folder, port 0 on 127.0.0.1, demo seeding, no
 * SvelteKit build. Everything opened here is tracked; call closeAll() in afterEach.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { HubConfig, IpLimits, KioskLimits } from '../../hub/config.ts';
import { DEMO_KIOSKS_FILE, type DemoKiosk } from '../../hub/demo/seed.ts';
import { startHub, type Hub } from '../../hub/main.ts';
import type { Outcome } from '../../shared/errors.ts';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../shared/protocol.ts';
import type {
	BatchItemResult,
	KioskHello,
	PublicWish,
	SyncResponse,
	WallEvent,
	WishSubmit
} from '../../shared/schemas/wishes.ts';

export { makeWish, numberedAs, SECRET_NAME, SECRET_PHONE } from './wishes.ts';

export type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Longest a test waits for one ack or one event before failing instead of hanging. */
export const ACK_TIMEOUT_MS = 10_000;

export interface TestHub {
	hub: Hub;
	dataDir: string;
	/** The demo kiosks with their plain tokens (from the seeding, or from the file on restart). */
	demoKiosks: DemoKiosk[];
	/** The demo kiosks of one site, in enrolment order. */
	kiosksAt(site: string): DemoKiosk[];
	/** GET /healthz: status code and parsed body. */
	healthz(): Promise<{ status: number; contentType: string | null; body: Record<string, unknown> }>;
}

const hubs = new Set<Hub>();
const sockets = new Set<KioskSocket>();
const dirs = new Set<string>();

/** A fresh empty folder under the OS temp dir, removed by closeAll(). */
export async function tempDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'wishwall-test-'));
	dirs.add(dir);
	return dir;
}

export function testConfig(dataDir: string, demo = true): HubConfig {
	return {
		port: 0,
		host: '127.0.0.1',
		dataDir,
		publicUrl: null,
		demo,
		tls: null,
		// Deliberately absent: the socket layer and /healthz need no SvelteKit build.
		buildDir: join(dataDir, 'no-build-here')
	};
}

export async function startTestHub(
	opts: {
		dataDir?: string;
		demo?: boolean;
		/** Per-kiosk submission limits; absent: the production defaults. */
		kioskLimits?: KioskLimits;
		/** Per-address sign-in and code look-up limits; absent: the production defaults. */
		ipLimits?: IpLimits;
		now?: () => number;
		/** The app's build; absent: none (the socket layer and /healthz need no app). */
		buildDir?: string;
		/** Per-kiosk voice clip limits; absent: the production defaults. */
		clipLimits?: HubConfig['clipLimits'];
		/** The kiosk's "我也需要" rule; absent: the production defaults. */
		needVotes?: HubConfig['needVotes'];
	} = {}
): Promise<TestHub> {
	const dataDir = opts.dataDir ?? (await tempDir());
	const base = testConfig(dataDir, opts.demo ?? true);
	const config = {
		...base,
		buildDir: opts.buildDir ?? base.buildDir,
		kioskLimits: opts.kioskLimits,
		ipLimits: opts.ipLimits,
		clipLimits: opts.clipLimits,
		needVotes: opts.needVotes
	};
	const hub = await startHub(config, { now: opts.now });
	hubs.add(hub);
	const file = join(dataDir, DEMO_KIOSKS_FILE);
	const demoKiosks =
		hub.core.demoKiosks.length > 0
			? hub.core.demoKiosks
			: existsSync(file)
				? (JSON.parse(await readFile(file, 'utf8')) as DemoKiosk[])
				: [];
	return {
		hub,
		dataDir,
		demoKiosks,
		kiosksAt: (site) => demoKiosks.filter((k) => k.site === site),
		async healthz() {
			const res = await fetch(`http://127.0.0.1:${hub.port}/healthz`);
			const body = (await res.json()) as Record<string, unknown>;
			return { status: res.status, contentType: res.headers.get('content-type'), body };
		}
	};
}

/** Closes one hub now (e.g. before restarting on the same folder). */
export async function closeHub(hub: Hub): Promise<void> {
	hubs.delete(hub);
	await hub.close();
}

function newSocket(hub: Hub, auth: Record<string, unknown>): KioskSocket {
	const socket: KioskSocket = io(`http://127.0.0.1:${hub.port}`, {
		auth,
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		autoConnect: false
	});
	sockets.add(socket);
	return socket;
}

/** Resolves on the next 'kiosk:hello' after a (re)connect; rejects on connect_error or timeout. */
export function awaitHello(socket: KioskSocket): Promise<KioskHello> {
	return new Promise<KioskHello>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error('no kiosk:hello within the timeout'));
		}, ACK_TIMEOUT_MS);
		const onHello = (hello: KioskHello) => {
			cleanup();
			resolve(hello);
		};
		const onError = (err: Error) => {
			cleanup();
			reject(err);
		};
		function cleanup() {
			clearTimeout(timer);
			socket.off('kiosk:hello', onHello);
			socket.off('connect_error', onError);
		}
		socket.on('kiosk:hello', onHello);
		socket.on('connect_error', onError);
	});
}

/**
 * Connects as a kiosk with a device token. Resolves once connected and greeted; the listener for
 * the hello is in place before the connection starts, so the hello cannot be missed.
 */
export async function connectKiosk(
	hub: Hub,
	token: string,
	opts: { protocol?: number } = {}
): Promise<{ socket: KioskSocket; hello: KioskHello }> {
	const socket = newSocket(hub, {
		protocol: opts.protocol ?? PROTOCOL_VERSION,
		role: 'kiosk',
		token
	});
	const hello = awaitHello(socket);
	socket.connect();
	const greeted = await hello;
	if (!socket.connected) throw new Error('greeted but not connected');
	return { socket, hello: greeted };
}

/** Tries to connect with the given auth and returns the connect_error the hub answered with. */
export function connectError(
	hub: Hub,
	auth: Record<string, unknown>
): Promise<Error & { data?: { code?: string; message?: string } }> {
	const socket = newSocket(hub, auth);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('neither connected nor refused')),
			ACK_TIMEOUT_MS
		);
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			resolve(err);
		});
		socket.once('connect', () => {
			clearTimeout(timer);
			reject(new Error('the hub accepted a connection it should have refused'));
		});
		socket.connect();
	});
}

/** The socket with its events untyped, to send what a well-behaved client never would. */
function raw(socket: KioskSocket): Socket {
	return socket as unknown as Socket;
}

export function submit(socket: KioskSocket, wish: WishSubmit): Promise<Outcome<PublicWish>> {
	return raw(socket).timeout(ACK_TIMEOUT_MS).emitWithAck('wish:submit', wish);
}

export function submitBatch(
	socket: KioskSocket,
	wishes: unknown[]
): Promise<Outcome<BatchItemResult[]>> {
	return raw(socket).timeout(ACK_TIMEOUT_MS).emitWithAck('wish:submitBatch', wishes);
}

export function syncSince(socket: KioskSocket, since: number): Promise<Outcome<SyncResponse>> {
	return raw(socket).timeout(ACK_TIMEOUT_MS).emitWithAck('sync:since', { since });
}

/** Emits any payload on any event and returns the ack, whatever its shape. */
export function emitRaw(
	socket: KioskSocket,
	event: keyof ClientToServerEvents,
	payload: unknown
): Promise<Outcome<unknown>> {
	return raw(socket).timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
}

/** Records every wall event a socket receives from now on (each commit's arrive as one array). */
export function recordEvents(socket: KioskSocket): {
	events: WallEvent[];
	/** Resolves when at least n events have arrived. */
	waitForCount(n: number): Promise<WallEvent[]>;
} {
	const events: WallEvent[] = [];
	const waiters: { n: number; resolve: () => void }[] = [];
	socket.on('events:appended', (batch) => {
		events.push(...batch);
		for (const w of [...waiters]) {
			if (events.length >= w.n) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve();
			}
		}
	});
	return {
		events,
		async waitForCount(n) {
			if (events.length < n) {
				await new Promise<void>((resolve, reject) => {
					const timer = setTimeout(
						() => reject(new Error(`expected ${n} events, got ${events.length}`)),
						ACK_TIMEOUT_MS
					);
					waiters.push({
						n,
						resolve: () => {
							clearTimeout(timer);
							resolve();
						}
					});
				});
			}
			return events;
		}
	};
}

/** Tests that drive kiosks faster than people can (throughput, concurrency) turn the limits off. */
export const NO_KIOSK_LIMITS: KioskLimits = { submit: null, replay: null };

/** Row count of every table in the hub's database, by name: to prove nothing was written. */
export async function countAllRows(hub: Hub): Promise<Record<string, number>> {
	const tables = await hub.core.db.all<{ name: string }>(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	);
	const out: Record<string, number> = {};
	for (const { name } of tables) out[name] = await countRows(hub, `"${name}"`);
	return out;
}

/** Row count of a table in the hub's database. */
export async function countRows(hub: Hub, table: string, where = '1 = 1'): Promise<number> {
	const row = await hub.core.db.get<{ n: number }>(
		`SELECT count(*) AS n FROM ${table} WHERE ${where}`
	);
	return row?.n ?? 0;
}

/** Disconnects every client, closes every hub and removes every temp folder opened by a test. */
export async function closeAll(): Promise<void> {
	for (const s of sockets) s.disconnect();
	sockets.clear();
	const open = [...hubs];
	hubs.clear();
	await Promise.all(open.map((h) => h.close()));
	const folders = [...dirs];
	dirs.clear();
	await Promise.all(folders.map((d) => rm(d, { recursive: true, force: true })));
}
