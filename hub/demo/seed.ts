/**
 * The demo township, loaded into an empty database: sites from the design, posts, members,
 * enrolled kiosks and wishes in every status, each change recorded in the event log.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newCode, newWishId, formatTicket } from '../../shared/domain/codes.ts';
import { enrolKiosk } from '../services/kiosks.ts';
import { hashSecret } from '../infra/secrets.ts';
import type { WishService } from '../services/wishes/service.ts';
import type { WishPatch } from '../store/wishes.ts';

import { seedHouseholds } from './households.ts';
import { seedNeeds } from './needs.ts';
import { seedStations } from './stations.ts';
import type { Repos, Store } from '../store/store.ts';

export const DEMO_KIOSKS_FILE = 'demo-kiosks.json';

/** The demo's dispatcher, printed by `npm start` (the admin's password is made at first start). */
export const DEMO_DISPATCHER = {
	username: 'dispatcher',
	password: 'wishwall-demo',
	displayName: '值班调度员'
} as const;
/** Every demo member (DY001…DY012) signs in at /m with this PIN. */
export const DEMO_MEMBER_PIN = '1234';

export interface DemoKiosk {
	site: string;
	siteName: string;
	name: string;
	token: string;
}
import { workerLabel } from '../../shared/domain/field.ts';
import {
	GRID_POSTS,
	KIOSKS,
	MEMBER_POSTS,
	MEMBERS,
	POSTS,
	SITES,
	WISHES,
	WORKERS
} from './township.ts';

async function isEmpty(store: Store): Promise<boolean> {
	return (await store.sites.listSites()).length === 0;
}

/** Loads the demo township into an empty database; returns the kiosks it enrolled (with tokens). */
export async function seedDemoIfEmpty(
	store: Store,
	wishes: WishService,
	dataDir: string,
	now: number
): Promise<DemoKiosk[]> {
	if (!(await isEmpty(store))) return [];
	const kiosks = await store.transaction((tx) => seed(tx, wishes, now));
	// The plain tokens exist only here, so `npm start` can print working kiosk links every time.
	await writeFile(join(dataDir, DEMO_KIOSKS_FILE), JSON.stringify(kiosks, null, 2), {
		mode: 0o600
	});
	return kiosks;
}

async function seed(tx: Repos, wishes: WishService, now: number): Promise<DemoKiosk[]> {
	const siteIds = new Map<string, number>();
	for (const s of SITES) siteIds.set(s.slug, await tx.sites.insertSite(s, now));
	const postIds = new Map<string, number>();
	for (const name of POSTS) {
		postIds.set(name, await tx.posts.insertPost(name, null));
	}
	for (const p of GRID_POSTS) {
		postIds.set(p.name, await tx.posts.insertPost(p.name, siteIds.get(p.site)!));
	}
	const memberIds = new Map<string, number>();
	// One hash for all demo members: the demo PIN is public anyway, and seeding stays fast.
	const demoPinHash = await hashSecret(DEMO_MEMBER_PIN);
	for (const [no, name, site, skills] of MEMBERS) {
		const id = await tx.members.insertMember(
			{
				memberNo: no,
				displayName: name,
				phone: `1580000${no.slice(2).padStart(4, '0')}`,
				siteId: siteIds.get(site)!,
				skills,
				pinHash: demoPinHash
			},
			now
		);
		memberIds.set(no, id);
	}
	for (const w of WORKERS) {
		const id = await tx.members.insertMember(
			{
				memberNo: w.no,
				displayName: w.name,
				phone: `1590000${w.no.slice(2).padStart(4, '0')}`,
				siteId: w.site ? siteIds.get(w.site)! : null,
				skills: '',
				pinHash: demoPinHash,
				party: false
			},
			now
		);
		memberIds.set(w.no, id);
	}
	for (const [no, posts] of [
		...WORKERS.map((w) => [w.no, w.posts] as const),
		...Object.entries(MEMBER_POSTS)
	]) {
		await tx.members.setWorkerPosts(
			memberIds.get(no)!,
			posts.map((p) => postIds.get(p)!)
		);
	}
	const demo: DemoKiosk[] = [];
	const kioskIds = new Map<string, { id: number; prefix: string; counter: number }>();
	for (const k of KIOSKS) {
		const { id, token } = await enrolKiosk(
			tx,
			{ siteId: siteIds.get(k.site)!, name: k.name, ticketPrefix: k.prefix },
			now
		);
		if (!kioskIds.has(k.site)) kioskIds.set(k.site, { id, prefix: k.prefix, counter: 0 });
		demo.push({
			site: k.site,
			siteName: SITES.find((s) => s.slug === k.site)!.name,
			name: k.name,
			token
		});
	}

	const sorted = [...WISHES].sort((a, b) => b.hoursAgo - a.hoursAgo);
	for (const w of sorted) {
		const kiosk = kioskIds.get(w.site)!;
		kiosk.counter += 1;
		const at = now - w.hoursAgo * 3600_000;
		const id = newWishId(at);
		const r = await wishes.submitInTx(
			tx,
			{
				siteId: siteIds.get(w.site)!,
				kioskId: kiosk.id,
				channel: 'kiosk',
				actor: `kiosk:${kiosk.id}`
			},
			{
				id,
				kind: w.kind,
				category: w.category,
				text: w.text,
				voice: w.voiceMs ? { durationMs: w.voiceMs, mime: 'audio/webm' } : null,
				contactName: w.name,
				contactPhone: w.phone,
				ticketNo: formatTicket(kiosk.prefix, kiosk.counter),
				claimCode: newCode(),
				trackCode: newCode(),
				createdAt: at
			},
			at
		);
		if (!r.ok) throw new Error(`demo wish failed: ${r.message}`);
		for (const step of w.steps ?? []) {
			const stepAt = at + step.after * 3600_000;
			const patch: WishPatch = {};
			let data: Record<string, unknown> = {};
			if (step.member) patch.member_id = memberIds.get(step.member)!;
			// Only a dispatch sends the item on a hop; later steps of the post keep it.
			if (step.post && step.action === 'dispatch') {
				const hop = step.step ?? 'work';
				patch.post_id = postIds.get(step.post)!;
				Object.assign(patch, { hop_step: hop, hop_sent_at: stepAt, hop_worker_id: null });
				data = { to: 'post', postId: patch.post_id, postName: step.post, step: hop };
			}
			if (step.worker) {
				const worker = WORKERS.find((w) => w.no === step.worker)!;
				data = { workerId: memberIds.get(step.worker)!, worker: workerLabel(worker.name) };
				if (step.action === 'accept') {
					Object.assign(patch, { hop_worker_id: data.workerId, hop_accepted_at: stepAt });
				}
				if (step.action === 'arrive') patch.arrived_at = stepAt;
			}
			if (step.action === 'claim' || step.action === 'dispatch') patch.responded_at = stepAt;
			if (step.action === 'resolve') patch.resolved_at = stepAt;
			if (step.stars) Object.assign(patch, { rating: step.stars, rated_at: stepAt });
			if (step.reason) patch.reject_reason = step.reason;
			const who = step.member ?? step.worker;
			const actor = who ? `member:${who}` : step.post ? `desk:demo` : 'resident';
			const s = await wishes.actInTx(tx, {
				wishId: id,
				action: step.action,
				actor,
				patch,
				data,
				at: stepAt
			});
			if (!s.ok) throw new Error(`demo step ${step.action} failed: ${s.message}`);
		}
	}
	await seedStations(tx, siteIds, now);
	await seedHouseholds(tx, siteIds, memberIds, now);
	await seedNeeds(tx, siteIds, now);
	return demo;
}
