/**
 * A kiosk's connection to the hub: authenticates with the device token, catches up by sequence
 * number on every (re)connect, keeps the wall live, and hands submissions to the outbox
 * (delivery.svelte.ts). What it last knew (hello, wall, sequence number) is kept on the device, so
 * a kiosk rebooted while the hub is unreachable still shows its wall and still takes wishes.
 */
import { version } from '$app/environment';
import { newCode, newWishId } from '$shared/domain/codes.ts';
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import { HEARTBEAT_MS } from '$shared/protocol.ts';
import type { KioskHello, SyncResponse, WishSubmit } from '$shared/schemas/wishes.ts';
import { ErrorCode } from '$shared/errors.ts';
import { Delivery, type Delivered } from './delivery.svelte.ts';
import { nextTicket } from './device.ts';
import { printer } from './print.svelte.ts';
import { connectKiosk, type KioskSocket } from './socket.ts';
import { reloadWhenIdle } from './update-reload.ts';
import { putVoice } from './voice.svelte.ts';
import { WallState } from './wall-state.svelte.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

/** What the wall reads of a session; the server's render of a seeded wall passes the same. */
export type WallView = Pick<KioskSession, 'wall' | 'hello' | 'connection'> & {
	delivery: Pick<Delivery, 'queued'>;
};

export interface Draft {
	kind: WishKind;
	category: CategoryId;
	text: string;
	contactName: string;
	contactPhone: string;
	/** The recorded clip's length and type; the clip itself goes over HTTP (voice.svelte.ts). */
	voice?: WishSubmit['voice'];
}

const ACK_TIMEOUT_MS = 10_000;
/** How long the done screen waits for the hub before printing a "待同步" slip. */
const SUBMIT_WAIT_MS = 4_000;
const CONNECT_GRACE_MS = 5_000;
/** A kiosk the hub refused as outdated reloads after the screen has been left alone this long. */
const UPDATE_IDLE_MS = 120_000;
/** The wall is saved on the device at most this often. */
const SNAPSHOT_EVERY_MS = 2_000;
const HELLO_KEY = 'hello';
const WALL_KEY = 'wall';

export class KioskSession {
	wall = new WallState();
	hello = $state<KioskHello | null>(null);
	connection = $state<ConnectionState>('connecting');
	/** Why the hub refused this device (an error code), when it did. */
	refusal = $state<string | null>(null);
	readonly delivery: Delivery;
	#socket: KioskSocket;
	#heartbeat: ReturnType<typeof setInterval> | undefined;
	#connectTimer: ReturnType<typeof setTimeout> | undefined;
	#snapshotTimer: ReturnType<typeof setTimeout> | undefined;
	#cancelUpdate: (() => void) | undefined;
	#caughtUp = false;
	/** The device token, also sent with HTTP requests (voice upload, speech). */
	readonly token: string;

	/** seed: the hello and wall the server drew the page with, so the first render matches it. */
	constructor(token: string, seed?: { hello: KioskHello; sync: SyncResponse }) {
		this.token = token;
		if (seed) {
			this.hello = seed.hello;
			this.wall.apply(seed.sync);
		}
		this.#socket = connectKiosk(token);
		this.delivery = new Delivery(
			token,
			{
				sendBatch: (batch) => {
					// socket.io would buffer the emit until reconnect and send it twice with the replay.
					if (!this.#socket.connected) return Promise.reject(new Error('offline'));
					return this.#socket
						.timeout(ACK_TIMEOUT_MS)
						.emitWithAck('wish:submitBatch', batch)
						.then((r) => {
							if (!r.ok) throw new Error(r.error);
							return r.value;
						});
				},
				uploadVoice: (id, blob, mime) => putVoice(id, blob, mime, { token })
			},
			() => this.#sendHeartbeat(),
			() => {
				// Asked only after the hub answered, so the hello (and its last ticket) is current.
				const hello = this.hello;
				if (!hello) throw new Error('not enrolled yet');
				return nextTicket(hello.ticketPrefix, hello.lastTicket);
			}
		);
		this.#socket.on('kiosk:hello', (hello) => {
			this.hello = hello;
			void this.delivery.ready.then((o) => o?.saveSnapshot(HELLO_KEY, $state.snapshot(hello)));
		});
		this.#socket.on('events:appended', (events) => {
			for (const event of events) this.wall.applyEvent(event);
			this.#saveWallSoon();
		});
		this.#socket.on('connect', () => {
			this.connection = 'online';
			this.refusal = null;
			void this.#catchUp().then(() => this.delivery.kick());
			this.#sendHeartbeat();
		});
		this.#socket.on('disconnect', (reason) => {
			this.connection = 'offline';
			// The hub hung up on purpose (restart, revocation): socket.io does not retry that by
			// itself. Ask again; a revoked device then hears "unauthorized" and shows the refusal.
			if (reason === 'io server disconnect') setTimeout(() => this.#socket.connect(), 1_000);
		});
		this.#socket.on('connect_error', (err) => {
			const code = err.message;
			if (code === ErrorCode.unauthorized || code === ErrorCode.protocolMismatch) {
				this.connection = 'refused';
				this.refusal = code;
				if (code === ErrorCode.protocolMismatch)
					this.#cancelUpdate ??= reloadWhenIdle({ idleMs: UPDATE_IDLE_MS });
			} else {
				this.connection = 'offline';
			}
		});
		// A kiosk that boots without the hub must say so soon, not show "connecting" for as long as
		// the browser's connection attempt hangs.
		this.#connectTimer = setTimeout(() => {
			if (this.connection === 'connecting') this.connection = 'offline';
		}, CONNECT_GRACE_MS);
		this.#heartbeat = setInterval(() => this.#sendHeartbeat(), HEARTBEAT_MS);
		void this.#restore();
	}

	/** The last hello and wall this kiosk saw, until the hub answers (a reboot while offline). */
	async #restore(): Promise<void> {
		const outbox = await this.delivery.ready;
		if (!outbox) return;
		const [hello, wall] = await Promise.all([
			outbox.loadSnapshot<KioskHello>(HELLO_KEY),
			outbox.loadSnapshot<SyncResponse>(WALL_KEY)
		]);
		if (hello && !this.hello) this.hello = hello;
		// Until the hub answers, the newest wall wins: a page the service worker kept is older than
		// the wall saved since.
		if (wall && !this.#caughtUp && wall.headSeq > this.wall.lastSeq) this.wall.apply(wall);
	}

	#saveWallSoon(): void {
		if (this.#snapshotTimer) return;
		this.#snapshotTimer = setTimeout(() => {
			this.#snapshotTimer = undefined;
			const counters = $state.snapshot(this.wall.counters);
			if (!counters) return;
			const snapshot: SyncResponse = {
				mode: 'snapshot',
				headSeq: this.wall.lastSeq,
				wishes: $state.snapshot(this.wall.wishes),
				counters
			};
			void this.delivery.ready.then((o) => o?.saveSnapshot(WALL_KEY, snapshot));
		}, SNAPSHOT_EVERY_MS);
	}

	#sendHeartbeat(): void {
		if (!this.#socket.connected) return;
		this.#socket.emit(
			'kiosk:heartbeat',
			{
				appVersion: version.slice(0, 40),
				outboxLength: this.delivery.queued,
				oldestQueuedAt: this.delivery.oldestQueuedAt,
				printerError: printer.error
			},
			() => undefined
		);
	}

	async #catchUp(): Promise<void> {
		try {
			const r = await this.#socket
				.timeout(ACK_TIMEOUT_MS)
				.emitWithAck('sync:since', { since: this.wall.lastSeq });
			if (r.ok) {
				this.#caughtUp = true;
				this.wall.apply(r.value);
				this.#saveWallSoon();
			}
		} catch {
			// Timed out: the next reconnect catches up again.
		}
	}

	/** Builds the submission on the kiosk (id, ticket, codes), so a slip can be printed at once. */
	prepare(draft: Draft): WishSubmit {
		const hello = this.hello;
		if (!hello) throw new Error('not enrolled yet');
		return {
			id: newWishId(),
			kind: draft.kind,
			category: draft.category,
			text: draft.text.trim(),
			voice: draft.voice ?? null,
			contactName: draft.contactName.trim(),
			contactPhone: draft.contactPhone,
			ticketNo: nextTicket(hello.ticketPrefix, hello.lastTicket),
			claimCode: newCode(),
			trackCode: newCode(),
			createdAt: Date.now()
		};
	}

	/** Safe on the kiosk first; 'queued' when the hub did not confirm in time (the slip says 待同步). */
	submit(wish: WishSubmit, clip: Blob | null): Promise<Delivered> {
		return this.delivery.submit(wish, clip, this.connection === 'online' ? SUBMIT_WAIT_MS : 0);
	}

	/** For feature state that adds its own events on this one connection (station-state.svelte.ts). */
	get socket(): KioskSocket {
		return this.#socket;
	}

	close(): void {
		clearInterval(this.#heartbeat);
		clearTimeout(this.#connectTimer);
		clearTimeout(this.#snapshotTimer);
		this.#cancelUpdate?.();
		this.delivery.stop();
		this.#socket.close();
	}
}
