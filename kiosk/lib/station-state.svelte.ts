/**
 * A kiosk's live station state: its site's services (kept current by 'station:updated'), today's
 * visits, the 近期活动 list (refetched on 'activity:changed') and the commands behind the visit
 * button, the staff panel and sign-ups. Rides on the kiosk's one socket; every (re)connect reloads
 * the list, so a change missed while offline shows as soon as the link is back.
 */
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import type {
	ServiceState,
	Signup,
	SignupReceipt,
	StationService,
	UpcomingActivity
} from '$shared/schemas/stations.ts';
import type { KioskSession } from './kiosk-session.svelte.ts';

const ACK_TIMEOUT_MS = 10_000;
/** What a command answers when the hub does not reply in time (the same as a wish submit). */
const TIMEOUT: Outcome<never> = {
	ok: false,
	error: ErrorCode.unavailable,
	message: ErrorCode.timeout
};

export class StationState {
	services = $state<StationService[]>([]);
	visitsToday = $state(0);
	/** Whether the list has been loaded at least once. */
	loaded = $state(false);
	activities = $state<UpcomingActivity[]>([]);
	activitiesLoaded = $state(false);
	/** How far ahead the 近期活动 list looks: two weeks, or a month to reach the next 15th. */
	activityDays = $state(14);
	/** Minutes tick for "open now". */
	now = $state(Date.now());
	#session: KioskSession;
	#off: (() => void)[] = [];

	constructor(session: KioskSession) {
		this.#session = session;
		const socket = session.socket;
		const onUpdated = (s: StationService) => this.apply(s);
		const onActivity = () => void this.loadActivities();
		const onConnect = () => {
			void this.load();
			if (this.activitiesLoaded) void this.loadActivities();
		};
		socket.on('station:updated', onUpdated);
		socket.on('activity:changed', onActivity);
		socket.on('connect', onConnect);
		const timer = setInterval(() => (this.now = Date.now()), 30_000);
		this.#off.push(
			() => socket.off('station:updated', onUpdated),
			() => socket.off('activity:changed', onActivity),
			() => socket.off('connect', onConnect),
			() => clearInterval(timer)
		);
		if (socket.connected) void this.load();
	}

	/** A committed change: newer than what is shown, or a service not yet shown. */
	apply(s: StationService): void {
		const i = this.services.findIndex((x) => x.id === s.id);
		if (i >= 0 && this.services[i]!.seq >= s.seq) return;
		const rest = this.services.filter((x) => x.id !== s.id);
		this.services = (s.active ? [...rest, s] : rest).sort(
			(a, b) => a.position - b.position || a.id - b.id
		);
	}

	/** An ack, or a timeout answer instead of an exception when the hub does not reply. */
	async #ask<R>(send: () => Promise<R>): Promise<R | Outcome<never>> {
		try {
			return await send();
		} catch {
			return TIMEOUT;
		}
	}

	#emit() {
		return this.#session.socket.timeout(ACK_TIMEOUT_MS);
	}

	async load(): Promise<void> {
		const r = await this.#ask(() => this.#emit().emitWithAck('station:view', {}));
		if (!r.ok) return;
		this.services = r.value.services;
		this.visitsToday = r.value.visitsToday;
		this.loaded = true;
	}

	async visit(): Promise<Outcome<{ visitsToday: number }>> {
		const r = await this.#ask(() => this.#emit().emitWithAck('station:visit', {}));
		if (r.ok) this.visitsToday = r.value.visitsToday;
		return r;
	}

	unlock(pin: string): Promise<Outcome<null>> {
		return this.#ask(() => this.#emit().emitWithAck('station:unlock', { pin }));
	}

	async setState(
		serviceId: number,
		state: ServiceState,
		note: string,
		pin: string
	): Promise<Outcome<StationService>> {
		const r = await this.#ask(() =>
			this.#emit().emitWithAck('station:setState', { serviceId, state, note, pin })
		);
		if (r.ok) this.apply(r.value);
		return r;
	}

	async loadActivities(days = this.activityDays): Promise<void> {
		this.activityDays = days;
		const r = await this.#ask(() => this.#emit().emitWithAck('activity:list', { days }));
		if (!r.ok) return;
		this.activities = r.value;
		this.activitiesLoaded = true;
	}

	signup(input: Signup): Promise<Outcome<SignupReceipt>> {
		return this.#ask(() => this.#emit().emitWithAck('activity:signup', input));
	}

	close(): void {
		for (const off of this.#off) off();
	}
}

const states = new WeakMap<KioskSession, StationState>();

/** The one station state of a kiosk session, made on first use and kept across screens. */
export function stationOf(session: KioskSession): StationState {
	let s = states.get(session);
	if (!s) {
		s = new StationState(session);
		states.set(session, s);
	}
	return s;
}
