/**
 * The kiosk fleet the bench drives: sites of ten kiosks, enrolled in the hub's database through
 * the hub's own modules before the hub starts, exactly as a desk enrolment would store them.
 */
import { createCore, type Core } from '../../hub/core.ts';
import { enrolKiosk } from '../../hub/services/kiosks.ts';
import { makeWish } from '../helpers/wishes.ts';
import { CODE_LENGTH, newCode, newWishId } from '../../shared/domain/codes.ts';
import type { WishSubmit } from '../../shared/schemas/wishes.ts';

export const KIOSKS_PER_SITE = 10;

export interface Kiosk {
	/** 0-based position in the fleet; kiosks 0–9 are site 0, 10–19 site 1, … */
	index: number;
	/** 0-based site number: the room the kiosk joins (the baseline uses it as is). */
	site: number;
	token: string;
	ticketPrefix: string;
	/** Last ticket counter used; every wish the bench makes takes the next one. */
	counter: number;
}

/** 'V00', 'V01', … 'VZZ', 'W00', …: unique, valid, and clear of the demo's single letters. */
function ticketPrefix(index: number): string {
	const letter = String.fromCharCode('V'.charCodeAt(0) + Math.floor(index / 1296));
	return letter + (index % 1296).toString(36).toUpperCase().padStart(2, '0');
}

/** A new kiosk at a demo site waiting for its browser: the one-time code the desk hands out. */
export interface Enrolment {
	site: string;
	code: string;
}

/**
 * Creates the database in dataDir (with the demo township) and enrols `count` kiosks; then
 * `enrolments` more kiosks at the first demo site, created by the first admin as on the desk,
 * whose browsers have not redeemed their codes yet.
 */
export async function enrolFleet(
	dataDir: string,
	count: number,
	enrolments = 0
): Promise<{ kiosks: Kiosk[]; enrolments: Enrolment[] }> {
	if (count > 5 * 1296) throw new Error('the bench fleet tops out at 6,480 kiosks');
	const core = await createCore(
		{ dataDir, demo: true, publicUrl: null, backupEveryMs: 0 },
		{ publicUrl: () => '' }
	);
	const now = Date.now();
	try {
		const kiosks = await core.store.transaction(async (tx) => {
			const kiosks: Kiosk[] = [];
			let siteId = 0;
			for (let index = 0; index < count; index++) {
				const site = Math.floor(index / KIOSKS_PER_SITE);
				if (index % KIOSKS_PER_SITE === 0) {
					siteId = await tx.sites.insertSite(
						{
							slug: `bench-${site}`,
							name: `压测站点${site}`,
							kind: 'center',
							village: '',
							address: ''
						},
						now
					);
				}
				const prefix = ticketPrefix(index);
				const { token } = await enrolKiosk(
					tx,
					{ siteId, name: `压测${site}-${index % KIOSKS_PER_SITE}`, ticketPrefix: prefix },
					now
				);
				kiosks.push({ index, site, token, ticketPrefix: prefix, counter: 0 });
			}
			return kiosks;
		});
		return { kiosks, enrolments: await newEnrolments(core, enrolments) };
	} finally {
		await core.close();
	}
}

async function newEnrolments(core: Core, count: number): Promise<Enrolment[]> {
	if (count === 0) return [];
	const first = core.firstAdmin;
	const site = core.demoKiosks[0]?.site;
	if (!first?.password || !site) throw new Error('the bench hub has no first admin or demo site');
	const signedIn = await core.staff.signIn(first.username, first.password);
	if (!signedIn.ok) throw new Error(`the first admin could not sign in: ${signedIn.message}`);
	const out: Enrolment[] = [];
	for (let i = 0; i < count; i++) {
		const made = await core.fleet.createKiosk(signedIn.value.staff, {
			siteSlug: site,
			name: `新机${i}`,
			ticketPrefix: `U${i.toString(36).toUpperCase()}`,
			paperMm: 58
		});
		if (!made.ok) throw new Error(`could not create a kiosk to enrol: ${made.message}`);
		out.push({ site, code: made.value.code });
	}
	return out;
}

/**
 * Random bytes drawn 64 KB at a time (the most one draw gives): a wish's id and two codes took
 * three draws, 21 µs of the swarm's CPU per wish alone and about twice that in a busy run, on the
 * cores the measured servers share. A kiosk makes its wishes on its own CPU.
 */
let pool = new Uint8Array(new ArrayBuffer(0));
let used = 0;
function randomBytes(n: number): Uint8Array<ArrayBuffer> {
	if (used + n > pool.length) {
		pool = crypto.getRandomValues(new Uint8Array(65_536));
		used = 0;
	}
	used += n;
	return pool.subarray(used - n, used);
}

/** The next wish this kiosk would queue: valid, with a ticket of its own. */
export function nextWish(kiosk: Kiosk): WishSubmit {
	kiosk.counter += 1;
	return makeWish(kiosk.ticketPrefix, kiosk.counter, {
		id: newWishId(Date.now(), randomBytes(16)),
		claimCode: newCode(randomBytes(CODE_LENGTH)),
		trackCode: newCode(randomBytes(CODE_LENGTH))
	});
}

/** The first n kiosks: whole sites of ten, so every wish has nine other walls to reach. */
export function firstKiosks(fleet: Kiosk[], n: number): Kiosk[] {
	if (n > fleet.length) throw new Error(`asked for ${n} kiosks, the fleet has ${fleet.length}`);
	return fleet.slice(0, n);
}
