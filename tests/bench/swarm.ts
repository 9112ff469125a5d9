/**
 * Swarms of socket.io-client kiosks in this process, for either server. All clocks are this
 * process's performance.now(), so submit→ack and submit→seen-elsewhere need no clock sync.
 */
import { io, type Socket } from 'socket.io-client';
import { HEARTBEAT_MS } from '../../shared/protocol.ts';
import type { Heartbeat, WishSubmit } from '../../shared/schemas/wishes.ts';
import type { Kiosk } from './fleet.ts';
import type { Target } from './servers.ts';
import { sleep } from './stats.ts';

/** The real kiosk's reconnect settings (kiosk/lib/socket.ts), so restart figures are honest. */
export const KIOSK_RECONNECT = {
	reconnectionDelay: 1_000,
	reconnectionDelayMax: 15_000,
	randomizationFactor: 0.5
} as const;

/** How long the bench waits for one ack before it counts the request as failed. */
export const ACK_TIMEOUT_MS = 30_000;

export interface Client {
	kiosk: Kiosk;
	socket: Socket;
	/** Highest sequence number this client has seen (hello, events, catch-up). */
	lastSeq: number;
	heartbeat?: ReturnType<typeof setTimeout>;
}

const HEARTBEAT: Heartbeat = {
	appVersion: 'bench',
	outboxLength: 0,
	oldestQueuedAt: null,
	printerError: null
};

/**
 * Beats like a real kiosk: every HEARTBEAT_MS while connected, from a random point in the first
 * minute, so a fleet connected at once does not beat in step. The baseline has no handler for it
 * and only pays for reading the message.
 */
function startHeartbeat(client: Client): void {
	const beat = () => {
		if (client.socket.connected) client.socket.emit('kiosk:heartbeat', HEARTBEAT, () => undefined);
		client.heartbeat = setTimeout(beat, HEARTBEAT_MS);
	};
	client.heartbeat = setTimeout(beat, Math.random() * HEARTBEAT_MS);
}

export interface SeenEvent {
	seq: number;
	wish?: { id?: string };
}

/**
 * Calls fn for every wall event the socket receives: the hub sends each commit's events for a
 * site as one array ('events:appended'), the baseline one message per row ('event:appended').
 * Returns the unsubscribe function.
 */
export function onWallEvents(socket: Socket, fn: (e: SeenEvent) => void): () => void {
	const many = (events: SeenEvent[]) => {
		for (const e of events) fn(e);
	};
	socket.on('event:appended', fn);
	socket.on('events:appended', many);
	return () => {
		socket.off('event:appended', fn);
		socket.off('events:appended', many);
	};
}

export interface Ack<T = unknown> {
	ok: boolean;
	value?: T;
	error?: string;
	message?: string;
}

/** Resolves on the client's next 'kiosk:hello'; rejects on connect_error or after timeoutMs. */
function greeted(socket: Socket, timeoutMs: number): Promise<{ headSeq: number }> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off('kiosk:hello', onHello);
			reject(new Error('no kiosk:hello in time'));
		}, timeoutMs);
		const onHello = (hello: { headSeq: number }) => {
			clearTimeout(timer);
			socket.off('connect_error', onError);
			resolve(hello);
		};
		const onError = (err: Error) => {
			clearTimeout(timer);
			socket.off('kiosk:hello', onHello);
			reject(err);
		};
		socket.once('kiosk:hello', onHello);
		socket.once('connect_error', onError);
	});
}

/**
 * Connects the kiosks all at once and waits for every hello. Returns the clients and each one's
 * connect→hello time in ms. `reconnect` turns on the real kiosk's reconnect behaviour.
 */
export async function connectSwarm(
	target: Target,
	kiosks: Kiosk[],
	opts: { reconnect?: boolean; reconnectDelayMs?: number; timeoutMs?: number } = {}
): Promise<{ clients: Client[]; connectMs: number[]; totalMs: number }> {
	const started = performance.now();
	const clients: Client[] = [];
	const connectMs: number[] = [];
	const url = target.url();
	const results = await Promise.allSettled(
		kiosks.map(async (kiosk) => {
			const t0 = performance.now();
			const socket = io(url, {
				auth: target.auth(kiosk),
				transports: ['websocket'],
				forceNew: true,
				reconnection: opts.reconnect ?? false,
				...KIOSK_RECONNECT,
				...(opts.reconnectDelayMs ? { reconnectionDelay: opts.reconnectDelayMs } : {}),
				autoConnect: false
			});
			const client: Client = { kiosk, socket, lastSeq: 0 };
			clients.push(client);
			onWallEvents(socket, (e) => {
				if (e.seq > client.lastSeq) client.lastSeq = e.seq;
			});
			const hello = greeted(socket, opts.timeoutMs ?? 60_000);
			socket.connect();
			client.lastSeq = (await hello).headSeq;
			connectMs.push(performance.now() - t0);
			startHeartbeat(client);
		})
	);
	const failed = results.filter((r) => r.status === 'rejected');
	if (failed.length > 0) {
		closeSwarm(clients);
		throw new Error(
			`${failed.length} of ${kiosks.length} kiosks could not connect to the ${target.name}: ${String((failed[0] as PromiseRejectedResult).reason)}`
		);
	}
	return { clients, connectMs, totalMs: performance.now() - started };
}

export function closeSwarm(clients: Client[]): void {
	for (const c of clients) {
		clearTimeout(c.heartbeat);
		c.socket.removeAllListeners();
		c.socket.disconnect();
	}
}

/**
 * One swarm of the same kiosks per target, all connected while fn runs and dropped afterwards,
 * whatever happens: the scenarios that take the servers in turns keep both swarms up throughout.
 */
export async function withSwarms<T>(
	targets: readonly Target[],
	kiosks: Kiosk[],
	fn: (swarms: Map<Target, Client[]>) => Promise<T>
): Promise<T> {
	const swarms = new Map<Target, Client[]>();
	try {
		for (const t of targets) swarms.set(t, (await connectSwarm(t, kiosks)).clients);
		return await fn(swarms);
	} finally {
		for (const [t, clients] of swarms) await dropSwarm(t, clients);
	}
}

/** The order of `items` in round r of taking them in turns: as given, reversed every other round. */
export function inTurns<T>(items: readonly T[], round: number): T[] {
	return round % 2 === 0 ? [...items] : [...items].reverse();
}

/** Disconnects the swarm and waits (≤ 10 s) until the server has let go of every socket. */
export async function dropSwarm(target: Target, clients: Client[]): Promise<void> {
	closeSwarm(clients);
	const until = Date.now() + 10_000;
	while (Date.now() < until) {
		if ((await target.health()).clients === 0) return;
		await sleep(100);
	}
}

export function submit(client: Client, wish: WishSubmit): Promise<Ack> {
	return client.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('wish:submit', wish) as Promise<Ack>;
}

/** Sends one outbox batch; counts the wishes the server stored (or already had) and the rest. */
export async function sendBatch(
	client: Client,
	wishes: WishSubmit[]
): Promise<{ stored: number; failed: number }> {
	try {
		const r = (await client.socket
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck('wish:submitBatch', wishes)) as Ack<{ id: string; ok: boolean }[]>;
		const stored = r.ok ? (r.value ?? []).filter((x) => x.ok).length : 0;
		return { stored, failed: wishes.length - stored };
	} catch {
		return { stored: 0, failed: wishes.length };
	}
}

export function syncSince(client: Client, since: number): Promise<Ack<{ headSeq: number }>> {
	return client.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sync:since', { since }) as Promise<
		Ack<{ headSeq: number }>
	>;
}

/** Clients grouped by site, so a scenario can tell which walls a wish should reach. */
export function bySite(clients: Client[]): Map<number, Client[]> {
	const out = new Map<number, Client[]>();
	for (const c of clients) {
		const list = out.get(c.kiosk.site) ?? [];
		list.push(c);
		out.set(c.kiosk.site, list);
	}
	return out;
}
