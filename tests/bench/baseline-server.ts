/**
 * The bare baseline every scenario is compared with: Socket.IO + node-sqlite3 and nothing else.
 * It inserts a row (WAL, synchronous=FULL, the same durability as the hub), acks after COMMIT and
 * broadcasts the row to the sender's site room. No validation, no events table, no counters, no
 * auth beyond "which site". It speaks the hub's event names so one swarm drives both, but sends
 * one 'event:appended' message per row, the bare way; the hub sends each commit's events for a site
 * as one 'events:appended' array (swarm.ts reads both).
 *
 * It imports sqlite3 directly on purpose: it is the yardstick, not product code (the hub reaches
 * sqlite3 only through hub/db/sqlite.ts).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import sqlite3 from 'sqlite3';

interface Row {
	seq: number;
	id: string;
	body: string;
}

type Ack = (result: unknown) => void;

const SCHEMA = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS wishes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  site INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS wishes_site_seq ON wishes (site, seq);
`;

export interface Baseline {
	port: number;
	close(): Promise<void>;
}

export async function startBaseline(opts: { dataDir: string; port?: number }): Promise<Baseline> {
	const db = await new Promise<sqlite3.Database>((resolve, reject) => {
		const d = new sqlite3.Database(join(opts.dataDir, 'baseline.sqlite'), (err) =>
			err ? reject(err) : resolve(d)
		);
	});
	const exec = (sql: string) =>
		new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
	const get = <T>(sql: string, params: unknown[] = []) =>
		new Promise<T>((resolve, reject) =>
			db.get(sql, params, (err: Error | null, row: T) => (err ? reject(err) : resolve(row)))
		);
	await exec(SCHEMA);
	const insert = db.prepare('INSERT OR IGNORE INTO wishes (id, site, body) VALUES (?, ?, ?)');
	const since = db.prepare(
		'SELECT seq, id, body FROM wishes WHERE site = ? AND seq > ? ORDER BY seq LIMIT 501'
	);
	let head = (await get<{ seq: number | null }>('SELECT max(seq) AS seq FROM wishes')).seq ?? 0;

	// One connection: a transaction must not interleave with another handler's statements.
	let tail: Promise<unknown> = Promise.resolve();
	function turn<T>(fn: () => Promise<T>): Promise<T> {
		const result = tail.then(fn, fn);
		tail = result.catch(() => undefined);
		return result;
	}
	// Runs on the prepared statement's own queue, so a batch needs no await per row.
	const insertRow = (id: string, site: number, body: string) =>
		new Promise<number | null>((resolve, reject) =>
			insert.run([id, site, body], function (this: sqlite3.RunResult, err: Error | null) {
				if (err) reject(err);
				else resolve(this.changes > 0 ? this.lastID : null);
			})
		);

	/** Inserts rows in one transaction (a single row: autocommit); seq per row, null when present. */
	function store(site: number, wishes: { id: string }[]): Promise<(number | null)[]> {
		return turn(async () => {
			if (wishes.length === 1)
				return [await insertRow(wishes[0]!.id, site, JSON.stringify(wishes[0]))];
			await exec('BEGIN IMMEDIATE');
			try {
				const seqs = await Promise.all(wishes.map((w) => insertRow(w.id, site, JSON.stringify(w))));
				await exec('COMMIT');
				return seqs;
			} catch (err) {
				await exec('ROLLBACK').catch(() => undefined);
				throw err;
			}
		});
	}

	const http: HttpServer = createServer();
	const io = new Server(http, {
		pingInterval: 10_000,
		pingTimeout: 5_000,
		maxHttpBufferSize: 1_000_000,
		serveClient: false
	});
	const room = (site: number) => `site:${site}`;

	function broadcast(site: number, wishes: { id: string }[], seqs: (number | null)[]): void {
		const at = Date.now();
		wishes.forEach((wish, i) => {
			const seq = seqs[i];
			if (seq == null) return;
			head = Math.max(head, seq);
			io.to(room(site)).emit('event:appended', {
				seq,
				type: 'wish:submitted',
				at,
				wish: { ...wish, seq }
			});
		});
	}

	io.use((socket, next) => {
		const site = (socket.handshake.auth as { site?: unknown }).site;
		if (typeof site !== 'number' || !Number.isInteger(site)) return next(new Error('unauthorized'));
		socket.data.site = site;
		next();
	});
	io.on('connection', (socket) => {
		const site = socket.data.site as number;
		void socket.join(room(site));
		socket.emit('kiosk:hello', { headSeq: head });
		socket.on('wish:submit', (wish: { id: string }, ack: Ack) => {
			store(site, [wish]).then(
				(seqs) => {
					broadcast(site, [wish], seqs);
					ack({ ok: true, value: { ...wish, seq: seqs[0] } });
				},
				() => ack({ ok: false, error: 'internal', message: 'insert failed' })
			);
		});
		socket.on('wish:submitBatch', (wishes: { id: string }[], ack: Ack) => {
			store(site, wishes).then(
				(seqs) => {
					broadcast(site, wishes, seqs);
					ack({
						ok: true,
						value: wishes.map((w, i) => ({ id: w.id, ok: true, wish: { seq: seqs[i] } }))
					});
				},
				() => ack({ ok: false, error: 'internal', message: 'insert failed' })
			);
		});
		socket.on('sync:since', (req: { since: number }, ack: Ack) => {
			turn(
				() =>
					new Promise<Row[]>((resolve, reject) =>
						since.all([site, req.since], (err: Error | null, rows: Row[]) =>
							err ? reject(err) : resolve(rows)
						)
					)
			).then(
				(rows) =>
					ack({
						ok: true,
						value: {
							mode: 'events',
							headSeq: head,
							events: rows
								.slice(0, 500)
								.map((r) => ({ seq: r.seq, wish: JSON.parse(r.body) as unknown }))
						}
					}),
				() => ack({ ok: false, error: 'internal', message: 'read failed' })
			);
		});
	});

	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	http.on('request', (req, res) => {
		if (req.url !== '/healthz') {
			res.writeHead(404).end();
			return;
		}
		void turn(() => get<{ n: number }>('SELECT count(*) AS n FROM wishes')).then((r) => {
			const { heapUsed, rss } = process.memoryUsage();
			const p99 = loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 - 10 : 0;
			loopDelay.reset();
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					status: 'ok',
					lastSeq: head,
					rows: r.n,
					clients: io.engine.clientsCount,
					memory: { heapUsed, rss },
					eventLoopP99Ms: Math.max(0, Math.round(p99 * 10) / 10)
				})
			);
		});
	});

	await new Promise<void>((resolve) => http.listen(opts.port ?? 0, '127.0.0.1', resolve));
	return {
		port: (http.address() as AddressInfo).port,
		async close() {
			loopDelay.disable();
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await turn(async () => undefined);
			await new Promise<void>((resolve) => insert.finalize(() => since.finalize(() => resolve())));
			await new Promise<void>((resolve, reject) =>
				db.close((err) => (err ? reject(err) : resolve()))
			);
		}
	};
}

// As a child process (tests/bench/servers.ts): BASELINE_DATA, BASELINE_PORT; prints "READY <port>".
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const baseline = await startBaseline({
		dataDir: process.env.BASELINE_DATA ?? '.',
		port: Number(process.env.BASELINE_PORT ?? 0)
	});
	process.stdout.write(`READY ${baseline.port}\n`);
	process.on('SIGTERM', () => {
		void baseline.close().then(() => process.exit(0));
	});
}
