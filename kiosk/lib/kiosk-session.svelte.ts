/**
 * A kiosk's connection to the hub: authenticates with the device token, catches up by sequence
 * number on every (re)connect, keeps the wall live and submits wishes with an ack.
 */
import type { AckResult } from '$shared/errors.ts';
import { newCode, newWishId } from '$shared/domain/codes.ts';
import type { CategoryId } from '$shared/domain/categories.ts';
import type { WishKind } from '$shared/domain/wish.ts';
import type { KioskHello, PublicWish, WishSubmit } from '$shared/schemas.ts';
import { nextTicket } from './device.ts';
import { connectKiosk, type KioskSocket } from './socket.ts';
import { WallState } from './wall-state.svelte.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

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

export class KioskSession {
	wall = new WallState();
	hello = $state<KioskHello | null>(null);
	connection = $state<ConnectionState>('connecting');
	/** Why the hub refused this device (an error code), when it did. */
	refusal = $state<string | null>(null);
	#socket: KioskSocket;
	/** The device token, also sent with HTTP requests (voice upload, speech). */
	readonly token: string;

	constructor(token: string) {
		this.token = token;
		this.#socket = connectKiosk(token);
		this.#socket.on('kiosk:hello', (hello) => {
			this.hello = hello;
		});
		this.#socket.on('event:appended', (event) => this.wall.applyEvent(event));
		this.#socket.on('connect', () => {
			this.connection = 'online';
			this.refusal = null;
			void this.#catchUp();
		});
		this.#socket.on('disconnect', (reason) => {
			this.connection = 'offline';
			// The hub hung up on purpose (restart, revocation): socket.io does not retry that by
			// itself. Ask again; a revoked device then hears "unauthorized" and shows the refusal.
			if (reason === 'io server disconnect') setTimeout(() => this.#socket.connect(), 1_000);
		});
		this.#socket.on('connect_error', (err) => {
			const code = err.message;
			if (code === 'unauthorized' || code === 'protocol_mismatch') {
				this.connection = 'refused';
				this.refusal = code;
			} else {
				this.connection = 'offline';
			}
		});
	}

	async #catchUp(): Promise<void> {
		try {
			const r = await this.#socket
				.timeout(ACK_TIMEOUT_MS)
				.emitWithAck('sync:since', { since: this.wall.lastSeq });
			if (r.ok) this.wall.apply(r.value);
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

	async submit(wish: WishSubmit): Promise<AckResult<PublicWish>> {
		try {
			return await this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('wish:submit', wish);
		} catch {
			return { ok: false, error: 'unavailable', message: 'timeout' };
		}
	}

	/** For feature state that adds its own events on this one connection (station-state.svelte.ts). */
	get socket(): KioskSocket {
		return this.#socket;
	}

	close(): void {
		this.#socket.close();
	}
}
