/**
 * The two servers under test, each in its own process: the real hub (tests/helpers/hub-child.ts)
 * and the bare baseline (baseline-server.ts). Both get --expose-gc and child-ipc.ts, answer
 * GET /healthz with the same runtime figures, and can be killed with SIGKILL and started again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DB_FILE } from '../../hub/core.ts';
import { openDb } from '../../hub/db/sqlite.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { Kiosk } from './fleet.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface Memory {
	heapUsed: number;
	rss: number;
}

export interface ServerHealth {
	lastSeq: number;
	clients: number;
	memory: Memory;
	eventLoopP99Ms: number;
}

export type TargetName = 'hub' | 'baseline';

export interface Target {
	name: TargetName;
	url(): string;
	/** What this server wants in the Socket.IO handshake for that kiosk. */
	auth(kiosk: Kiosk): Record<string, unknown>;
	health(): Promise<ServerHealth>;
	/** Heap and RSS right after two forced garbage collections in the server process. */
	memory(): Promise<Memory>;
	/** Wishes stored, counted in the database itself. */
	wishRows(): Promise<number>;
	kill9(): Promise<void>;
	running(): boolean;
	/** Starts the server again on the same data; resolves with ms from spawn to listening. */
	start(): Promise<number>;
	/** SIGTERM: a clean stop (the hub finishes in-flight commits; --cpu-prof gets written). */
	stop(): Promise<void>;
}

interface Running {
	child: ChildProcess;
	port: number;
}

/** Starts script in its own node process and resolves once it prints "READY <port>". */
export function spawnServer(
	script: string,
	env: Record<string, string>,
	nodeArgs: string[]
): Promise<{ running: Running; listenMs: number }> {
	const started = performance.now();
	const child = spawn(
		process.execPath,
		['--expose-gc', ...nodeArgs, '--import', 'tsx', '--import', here('./child-ipc.ts'), script],
		{ cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }
	);
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => {
		stderr = (stderr + d.toString()).slice(-4000);
	});
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${script} did not start within 60 s: ${stderr}`));
		}, 60_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /READY (\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				// Keep draining: a full pipe would block the server's writes.
				child.stdout!.removeAllListeners('data');
				child.stdout!.resume();
				resolve({ running: { child, port: Number(m[1]) }, listenMs: performance.now() - started });
			}
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${script} exited (${code ?? signal}) before listening: ${stderr}`));
		});
	});
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, and SIGKILL if the server has not exited 15 s later. */
export async function stopServer(child: ChildProcess): Promise<void> {
	const done = exited(child);
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await done;
	clearTimeout(timer);
}

function askMemory(child: ChildProcess): Promise<Memory> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no memory answer')), 15_000);
		const onMessage = (msg: { type?: string } & Memory) => {
			if (msg.type !== 'memory') return;
			clearTimeout(timer);
			child.off('message', onMessage);
			resolve({ heapUsed: msg.heapUsed, rss: msg.rss });
		};
		child.on('message', onMessage);
		child.send('memory');
	});
}

function createTarget(
	name: TargetName,
	script: string,
	env: Record<string, string>,
	/** The variable that sets the port: a restart must come back where the kiosks reconnect. */
	portVar: string,
	nodeArgs: string[],
	auth: (k: Kiosk) => Record<string, unknown>,
	wishRows: (t: Target) => Promise<number>
): Target {
	let running: Running | null = null;
	let port = 0;
	const live = () => {
		if (!running) throw new Error(`${name} is not running`);
		return running;
	};
	const target: Target = {
		name,
		url: () => `http://127.0.0.1:${live().port}`,
		auth,
		async health() {
			const res = await fetch(`${target.url()}/healthz`);
			return (await res.json()) as ServerHealth;
		},
		memory: () => askMemory(live().child),
		wishRows: () => wishRows(target),
		running: () => running !== null,
		async kill9() {
			const r = live();
			running = null;
			const done = exited(r.child);
			r.child.kill('SIGKILL');
			await done;
		},
		async start() {
			const s = await spawnServer(script, { ...env, [portVar]: String(port) }, nodeArgs);
			running = s.running;
			port = s.running.port;
			return s.listenMs;
		},
		async stop() {
			if (!running) return;
			const r = running;
			running = null;
			await stopServer(r.child);
		}
	};
	return target;
}

/** The real hub on dataDir (already holding the enrolled fleet); buildDir may be absent. */
export function hubTarget(opts: {
	dataDir: string;
	buildDir: string;
	nodeArgs?: string[];
}): Target {
	return createTarget(
		'hub',
		here('../helpers/hub-child.ts'),
		{
			WISHWALL_DATA: opts.dataDir,
			WISHWALL_DEMO: '1',
			WISHWALL_BUILD: opts.buildDir,
			// The bench measures capacity: a swarm kiosk sends far faster than any person, which the
			// per-kiosk limits would refuse.
			WISHWALL_KIOSK_LIMIT: '0',
			WISHWALL_KIOSK_REPLAY_LIMIT: '0'
		},
		'PORT',
		opts.nodeArgs ?? [],
		(k) => ({ protocol: PROTOCOL_VERSION, role: 'kiosk', token: k.token }),
		async () => {
			// A second connection on the WAL file: reads never block the running hub.
			const db = await openDb(`${opts.dataDir}/${DB_FILE}`);
			try {
				return (await db.get<{ n: number }>('SELECT count(*) AS n FROM wishes'))?.n ?? 0;
			} finally {
				await db.close();
			}
		}
	);
}

export function baselineTarget(opts: { dataDir: string; nodeArgs?: string[] }): Target {
	return createTarget(
		'baseline',
		here('./baseline-server.ts'),
		{ BASELINE_DATA: opts.dataDir },
		'BASELINE_PORT',
		opts.nodeArgs ?? [],
		(k) => ({ site: k.site }),
		async (t) => ((await (await fetch(`${t.url()}/healthz`)).json()) as { rows: number }).rows
	);
}
