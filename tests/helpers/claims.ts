/**
 * Helpers for the member/claim/track tests: a real hub whose clock the test moves, members made
 * through the real service and signed in with their PINs, wishes submitted by a real kiosk socket.
 */
import type { HubConfig } from '../../hub/config.ts';
import type { Core, CoreOptions } from '../../hub/core.ts';
import { startHub, type Hub } from '../../hub/main.ts';
import {
	closeAll,
	connectKiosk,
	makeWish,
	submit,
	tempDir,
	testConfig,
	type KioskSocket
} from './start-hub.ts';
import type { DemoKiosk } from '../../hub/demo/seed.ts';
import type { PublicWish, WishSubmit } from '../../shared/schemas/wishes.ts';

export const PIN = '4321';

export interface Clock {
	now: () => number;
	advance(ms: number): void;
}

export function clock(start = Date.now()): Clock {
	let t = start;
	return { now: () => t, advance: (ms) => void (t += ms) };
}

const mine = new Set<Hub>();

/** Closes the hubs started here and everything start-hub.ts tracks. */
export async function closeMemberHubs(): Promise<void> {
	const open = [...mine];
	mine.clear();
	await Promise.all(open.map((h) => h.close()));
	await closeAll();
}

export interface MemberHub {
	hub: Hub;
	core: Core;
	clock: Clock;
	demoKiosks: DemoKiosk[];
}

export async function startMemberHub(
	opts: { tuning?: CoreOptions['tuning']; ipLimits?: HubConfig['ipLimits'] } = {}
): Promise<MemberHub> {
	const dataDir = await tempDir();
	const c = clock();
	const config = { ...testConfig(dataDir, true), ipLimits: opts.ipLimits };
	const hub = await startHub(config, { now: c.now, tuning: opts.tuning });
	mine.add(hub);
	return { hub, core: hub.core, clock: c, demoKiosks: hub.core.demoKiosks };
}

let memberSerial = 0;

/** Creates `n` members at a site and signs each in; returns their session tokens and names. */
export async function signedInMembers(
	core: Core,
	n: number,
	site = 'shuanglong'
): Promise<{ token: string; memberNo: string; name: string; id: number }[]> {
	return Promise.all(
		Array.from({ length: n }, async () => {
			memberSerial += 1;
			const memberNo = `T${process.pid % 1000}${String(memberSerial).padStart(4, '0')}`;
			const name = `测试党员${memberSerial}`;
			const made = await core.members.create({
				memberNo,
				displayName: name,
				phone: '15900000000',
				siteSlug: site,
				skills: '',
				pin: PIN
			});
			if (!made.ok) throw new Error(`member not created: ${made.message}`);
			const s = await core.members.signIn(memberNo, PIN);
			if (!s.ok) throw new Error(`sign-in failed: ${s.error}`);
			return { token: s.token, memberNo, name, id: made.value.id };
		})
	);
}

/** A kiosk of the site connected over a real socket, making its own valid wishes. */
export async function kioskAt(h: MemberHub, site = 'shuanglong') {
	const demo = h.demoKiosks.find((k) => k.site === site);
	if (!demo) throw new Error(`no demo kiosk at ${site}`);
	const { socket, hello } = await connectKiosk(h.hub, demo.token);
	let counter = hello.lastTicket;
	return {
		socket,
		hello,
		async submit(
			overrides: Partial<WishSubmit> = {}
		): Promise<{ sent: WishSubmit; stored: PublicWish }> {
			counter += 1;
			const sent = makeWish(hello.ticketPrefix, counter, {
				createdAt: h.clock.now(),
				...overrides
			});
			const ack = await submit(socket, sent);
			if (!ack.ok) throw new Error(`submit refused: ${ack.error} ${ack.message}`);
			return { sent, stored: ack.value };
		}
	};
}

export type TestKiosk = Awaited<ReturnType<typeof kioskAt>>;
export type { KioskSocket };

/** Events of one wish in the log, oldest first. */
export function wishEvents(core: Core, wishId: string) {
	return core.db.all<{ seq: number; type: string; actor: string; data: string }>(
		'SELECT seq, type, actor, data FROM events WHERE wish_id = ? ORDER BY seq',
		[wishId]
	);
}

export async function wishStatus(core: Core, wishId: string) {
	return core.db.get<{ status: string; member_id: number | null; rating: number | null }>(
		'SELECT status, member_id, rating FROM wishes WHERE id = ?',
		[wishId]
	);
}
