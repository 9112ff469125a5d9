/**
 * The desk's commands on the item in its panel (dispatch, triage, note, resolve, reject, merge),
 * one at a time, with the notice the panel shows after each. A refusal caused by someone else's
 * change says who did what, and when.
 */
import { ErrorCode } from '$shared/errors.ts';
import type { DeskDuplicate, DeskItem, DeskItemDetail } from '$shared/schemas/desk.ts';
import { deskError, shortTime } from './desk-format.ts';
import type { DeskQueue } from './desk-queue.svelte.ts';
import { deskCall, type DeskClientSocket } from './desk-socket.ts';
import { fill, t } from './i18n/index.ts';

export type DeskCommand = Parameters<typeof deskCall>[1];

export class DeskItemCommands {
	busy = $state(false);
	notice = $state<{ ok: boolean; text: string } | null>(null);

	#socket: () => DeskClientSocket;
	#queue: () => DeskQueue;
	#itemId: () => string;
	#onchanged: () => void;

	/** Getters, so the commands always act on the panel's current socket, queue and item. */
	constructor(opts: {
		socket: () => DeskClientSocket;
		queue: () => DeskQueue;
		itemId: () => string;
		onchanged: () => void;
	}) {
		this.#socket = opts.socket;
		this.#queue = opts.queue;
		this.#itemId = opts.itemId;
		this.#onchanged = opts.onchanged;
	}

	/** Runs one desk command; true when the hub committed it. */
	async run(event: DeskCommand, payload: unknown): Promise<boolean> {
		const d = t().desk;
		const socket = this.#socket();
		const queue = this.#queue();
		this.busy = true;
		this.notice = null;
		try {
			const r = await deskCall<DeskItem>(socket, event, payload);
			if (r.ok) {
				this.notice = { ok: true, text: d.item.done };
				queue.remember(r.value);
				this.#onchanged();
				return true;
			}
			if (r.error === ErrorCode.forbiddenTransition || r.error === ErrorCode.conflict) {
				const now = await deskCall<DeskItemDetail>(socket, 'desk:item', {
					wishId: this.#itemId()
				});
				if (now.ok) {
					const last = now.value.item.lastEvent;
					queue.remember(now.value.item);
					this.#onchanged();
					this.notice = {
						ok: false,
						text: last.actor
							? fill(d.item.taken, {
									who: last.actor,
									event: d.events[last.type] ?? last.type,
									time: shortTime(last.at),
									status: d.status[now.value.item.status]
								})
							: fill(d.item.changed, { status: d.status[now.value.item.status] })
					};
					return false;
				}
			}
			this.notice = {
				ok: false,
				text: deskError(r.error, r.message, 'issues' in r ? r.issues : [])
			};
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Open items that read like this one, most similar first; none when the hub cannot say. */
	async findDuplicates(): Promise<DeskDuplicate[]> {
		const r = await deskCall<DeskDuplicate[]>(this.#socket(), 'desk:duplicates', {
			wishId: this.#itemId()
		});
		return r.ok ? r.value : [];
	}
}
