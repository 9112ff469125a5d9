/**
 * The only module that imports 'sqlite3'. node-sqlite3 runs every statement of one connection
 * asynchronously, so two handlers' statements could interleave inside an open transaction; every
 * call here goes through one queue, and a transaction holds the queue for its whole body.
 */
import sqlite3 from 'sqlite3';

export type Param = string | number | bigint | null | Buffer;
export type Params = readonly Param[] | Record<string, Param>;

export interface RunResult {
	changes: number;
	lastID: number;
}

/** What repositories need: plain statements, inside or outside a transaction. */
export interface Query {
	run(sql: string, params?: Params): Promise<RunResult>;
	get<T>(sql: string, params?: Params): Promise<T | undefined>;
	all<T>(sql: string, params?: Params): Promise<T[]>;
	exec(sql: string): Promise<void>;
}

export interface Tx extends Query {
	/** Runs fn inside a SAVEPOINT: its failure rolls back only its own writes. */
	savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Db extends Query {
	readonly file: string;
	/**
	 * An exclusive turn on the connection without a transaction: each statement of fn commits on
	 * its own, and no other caller's statement runs between them.
	 */
	exclusive<T>(fn: (q: Query) => Promise<T>): Promise<T>;
	/** BEGIN IMMEDIATE … COMMIT with an exclusive turn on the connection; ROLLBACK on throw. */
	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	/** Online backup of the live database into another file. */
	backup(destination: string): Promise<void>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** 'FULL' is what makes an acknowledged commit survive power loss in WAL mode. */
	synchronous?: 'FULL' | 'NORMAL';
	busyTimeoutMs?: number;
}

/** Statements with more bound parameters than this are multi-row ones (see statement()). */
const WIDE_PARAMS = 64;
const WIDE_CACHED = 24;

/**
 * SQLite refuses a statement with more bound parameters than SQLITE_MAX_VARIABLE_NUMBER (32766
 * in node-sqlite3's build); a few are left for a statement's own extra parameters.
 */
const MAX_BOUND = 32_000;
/** Also bounds one statement's work, so a huge batch does not hold the thread for long. */
const MAX_ROWS = 500;

/** Splits items for multi-row statements that bind paramsPerItem parameters per item. */
export function chunks<T>(items: readonly T[], paramsPerItem: number): T[][] {
	const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BOUND / paramsPerItem)));
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

function bindArgs(params: Params | undefined): unknown[] | Record<string, unknown> {
	if (params === undefined) return [];
	return Array.isArray(params) ? [...params] : (params as Record<string, unknown>);
}

/** VACUUM INTO from a short-lived read-only connection of its own. */
function vacuumInto(file: string, destination: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const reader = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openErr) => {
			if (openErr) {
				reject(openErr);
				return;
			}
			reader.run('VACUUM INTO ?', [destination], (err: Error | null) => {
				reader.close(() => (err ? reject(err) : resolve()));
			});
		});
	});
}

export async function openDb(file: string, options: OpenOptions = {}): Promise<Db> {
	const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
		const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
	});
	const statements = new Map<string, sqlite3.Statement>();
	// Multi-row statements come in as many shapes as there are batch sizes, each a large compiled
	// program: keep only the most recently used few instead of every shape ever seen.
	const wide = new Map<string, sqlite3.Statement>();
	let tail: Promise<unknown> = Promise.resolve();
	let closed = false;
	let savepointCounter = 0;

	function statement(sql: string, params: Params | undefined): sqlite3.Statement {
		const cache = Array.isArray(params) && params.length > WIDE_PARAMS ? wide : statements;
		let stmt = cache.get(sql);
		if (stmt) {
			if (cache === wide) {
				wide.delete(sql);
				wide.set(sql, stmt);
			}
			return stmt;
		}
		stmt = raw.prepare(sql);
		cache.set(sql, stmt);
		if (wide.size > WIDE_CACHED) {
			const [oldest, old] = wide.entries().next().value!;
			wide.delete(oldest);
			// Safe: calls run one at a time (see turn()), so the evicted statement is idle.
			old.finalize();
		}
		return stmt;
	}

	const direct: Tx = {
		run(sql, params) {
			return new Promise((resolve, reject) => {
				statement(sql, params).run(
					bindArgs(params),
					function (this: sqlite3.RunResult, err: Error | null) {
						if (err) reject(err);
						else resolve({ changes: this.changes, lastID: this.lastID });
					}
				);
			});
		},
		get<T>(sql: string, params?: Params) {
			return new Promise<T | undefined>((resolve, reject) => {
				const stmt = statement(sql, params);
				// node-sqlite3's get() leaves the cached statement mid-result: a later get() without
				// parameters would continue after the first row (and find none), and the open cursor
				// keeps a read transaction that stops WAL checkpoints. Reset before answering.
				stmt.get(bindArgs(params), (err: Error | null, row: T | undefined) => {
					stmt.reset(() => (err ? reject(err) : resolve(row)));
				});
			});
		},
		all<T>(sql: string, params?: Params) {
			return new Promise<T[]>((resolve, reject) => {
				statement(sql, params).all(bindArgs(params), (err: Error | null, rows: T[]) =>
					err ? reject(err) : resolve(rows)
				);
			});
		},
		exec(sql) {
			return new Promise((resolve, reject) =>
				raw.exec(sql, (err) => (err ? reject(err) : resolve()))
			);
		},
		async savepoint(fn) {
			const name = `sp${++savepointCounter}`;
			await direct.exec(`SAVEPOINT ${name}`);
			try {
				const result = await fn(direct);
				await direct.exec(`RELEASE ${name}`);
				return result;
			} catch (err) {
				await direct.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
				throw err;
			}
		}
	};

	/** Runs fn when every earlier call has finished; later calls wait for this one. */
	function turn<T>(fn: () => Promise<T>): Promise<T> {
		if (closed) return Promise.reject(new Error('database is closed'));
		const result = tail.then(fn, fn);
		tail = result.catch(() => undefined);
		return result;
	}

	const db: Db = {
		file,
		run: (sql, params) => turn(() => direct.run(sql, params)),
		get: <T>(sql: string, params?: Params) => turn(() => direct.get<T>(sql, params)),
		all: <T>(sql: string, params?: Params) => turn(() => direct.all<T>(sql, params)),
		exec: (sql) => turn(() => direct.exec(sql)),
		exclusive: (fn) => turn(() => fn(direct)),
		transaction<T>(fn: (tx: Tx) => Promise<T>) {
			return turn(async () => {
				await direct.exec('BEGIN IMMEDIATE');
				try {
					const result = await fn(direct);
					await direct.exec('COMMIT');
					return result;
				} catch (err) {
					await direct.exec('ROLLBACK').catch(() => undefined);
					throw err;
				}
			});
		},
		backup(destination) {
			// VACUUM INTO writes a consistent, compacted copy. On this connection it would hold the
			// queue, and every wish behind it, for as long as the copy takes (seconds for a big
			// database); a reader of its own sees one snapshot while this connection keeps committing.
			if (file === ':memory:' || file === '') {
				return turn(() => direct.run('VACUUM INTO ?', [destination]).then(() => undefined));
			}
			return vacuumInto(file, destination);
		},
		async close() {
			await turn(async () => {
				for (const stmt of [...statements.values(), ...wide.values()]) {
					await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
				}
				statements.clear();
				wide.clear();
			});
			closed = true;
			await tail;
			await new Promise<void>((resolve, reject) =>
				raw.close((err) => (err ? reject(err) : resolve()))
			);
		}
	};

	await direct.exec(
		[
			'PRAGMA journal_mode = WAL',
			`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`,
			'PRAGMA foreign_keys = ON',
			`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`
		].join(';\n')
	);
	return db;
}

/** True when err is SQLite refusing a row by a constraint (UNIQUE, CHECK, FOREIGN KEY, NOT NULL…). */
export function isConstraintViolation(err: unknown): boolean {
	return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT';
}

/** True when err is SQLite's UNIQUE/PRIMARY KEY constraint failure. */
export function isUniqueViolation(err: unknown): boolean {
	return err instanceof Error && /SQLITE_CONSTRAINT: UNIQUE|PRIMARY KEY/.test(err.message);
}
