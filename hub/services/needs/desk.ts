/**
 * The desk's work on needs: list and read them, type one in, write one up, merge duplicates, and
 * move a need through 采纳 → 实施中 → 已完成 (or 暂不采纳), linking what it became. Each move is
 * one transaction with its station event and audit row, told to the site's walls after COMMIT.
 */
import { newCode, newWishId } from '../../../shared/domain/codes.ts';
import { mayMove, type NeedMove } from '../../../shared/domain/needs.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type {
	DeskNeed,
	DeskSuggest,
	NeedAdopt,
	NeedDecline,
	NeedEdit,
	NeedFilter,
	NeedFinish,
	NeedLink,
	NeedMerge
} from '../../../shared/schemas/needs.ts';
import type { NeedFields, NeedRow } from '../../store/needs.ts';
import type { Repos } from '../../store/store.ts';
import { keepPhoto, readPhoto } from '../photo-files.ts';
import { requireRole } from '../staff/roles.ts';
import { change, deskNeed, record, type Changed, type NeedDeps } from './deps.ts';

type Refusal = { ok: false; error: ErrorCode; message: string };

const notFound: Refusal = { ok: false, error: ErrorCode.notFound, message: 'no such need' };

export async function list(
	d: NeedDeps,
	who: StaffPrincipal,
	filter: NeedFilter
): Promise<Outcome<DeskNeed[]>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	let siteId: number | undefined;
	if (filter.siteSlug) {
		const site = await d.store.sites.siteBySlug(filter.siteSlug);
		if (!site) return { ok: true, value: [] };
		siteId = site.id;
	}
	const rows = await d.store.needs.listNeeds({
		siteId,
		theme: filter.theme,
		states: filter.state
			? [filter.state]
			: ['collecting', 'adopted', 'in_progress', 'done', 'declined']
	});
	return { ok: true, value: await Promise.all(rows.map((r) => deskNeed(d.store, r))) };
}

export async function need(
	d: NeedDeps,
	who: StaffPrincipal,
	id: number
): Promise<Outcome<DeskNeed>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const row = await d.store.needs.needById(id);
	return row ? { ok: true, value: await deskNeed(d.store, row) } : notFound;
}

/** One suggestion typed in at the desk (a letter, a call): one resident, channel desk. */
export async function suggest(
	d: NeedDeps,
	who: StaffPrincipal,
	input: DeskSuggest
): Promise<Outcome<DeskNeed>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const site = await d.store.sites.siteBySlug(input.siteSlug);
	if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
	const at = d.now();
	return change(d, async (tx) => {
		const needId = await tx.needs.insertNeed({
			siteId: site.id,
			theme: input.theme,
			title: input.text,
			at
		});
		const askId = newWishId(at);
		await tx.needs.insertAsk({
			id: askId,
			needId,
			siteId: site.id,
			channel: 'desk',
			kioskId: null,
			meetingId: null,
			text: input.text,
			people: 1,
			voiceMs: null,
			voiceMime: null,
			listenCode: newCode(),
			at
		});
		const row = (await tx.needs.needById(needId))!;
		const told = await record(tx, {
			need: row,
			type: 'raised',
			actor: `staff:${who.id}`,
			data: { channel: 'desk', ask: askId },
			at
		});
		await tx.audit.appendAudit({
			staffId: who.id,
			action: 'need.raise',
			targetType: 'need',
			targetId: needId,
			before: null,
			after: { theme: input.theme, title: input.text },
			at
		});
		return {
			ok: true,
			value: await deskNeed(tx, (await tx.needs.needById(needId))!),
			told: [told]
		};
	});
}

/**
 * One desk change of one need: role, the row, the move's allowed states, then `fn`'s fields,
 * event and audit row. `fn` may refuse before anything is written.
 */
async function deskChange(
	d: NeedDeps,
	who: StaffPrincipal,
	needId: number,
	move: NeedMove | null,
	fn: (
		tx: Repos,
		row: NeedRow,
		at: number
	) => Promise<
		Refusal | { fields: Partial<NeedFields>; type: string; data?: Record<string, unknown> }
	>
): Promise<Outcome<DeskNeed>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	return change(d, async (tx): Promise<Changed<DeskNeed>> => {
		const row = await tx.needs.needById(needId);
		if (!row) return notFound;
		if (row.state === 'merged' || (move !== null && !mayMove(move, row.state))) {
			return {
				ok: false,
				error: ErrorCode.forbiddenTransition,
				message: `cannot ${move ?? 'change'} a need that is ${row.state}`
			};
		}
		const r = await fn(tx, row, at);
		if ('ok' in r) return r;
		await tx.needs.updateNeed(row.id, r.fields, at);
		const told = await record(tx, {
			need: row,
			type: r.type,
			actor: `staff:${who.id}`,
			data: r.data ?? {},
			at
		});
		const before: Record<string, unknown> = {};
		for (const k of Object.keys(r.fields) as (keyof NeedFields)[]) before[k] = row[k];
		await tx.audit.appendAudit({
			staffId: who.id,
			action: `need.${r.type}`,
			targetType: 'need',
			targetId: row.id,
			before,
			after: r.fields,
			at
		});
		return {
			ok: true,
			value: await deskNeed(tx, (await tx.needs.needById(row.id))!),
			told: [told]
		};
	});
}

export function edit(d: NeedDeps, who: StaffPrincipal, input: NeedEdit) {
	return deskChange(d, who, input.needId, null, async () => ({
		fields: { title: input.title, theme: input.theme },
		type: 'edited'
	}));
}

export function adopt(d: NeedDeps, who: StaffPrincipal, input: NeedAdopt) {
	return deskChange(d, who, input.needId, 'adopt', async (_tx, row, at) => {
		if (row.title === '') {
			return {
				ok: false,
				error: ErrorCode.forbiddenTransition,
				message: 'write the need up before adopting it'
			};
		}
		return {
			fields: {
				state: 'adopted',
				plan: input.plan,
				owner: input.owner,
				target_month: input.targetMonth,
				adopted_at: at,
				decline_reason: null,
				declined_at: null
			},
			type: 'adopted'
		};
	});
}

export function start(d: NeedDeps, who: StaffPrincipal, input: { needId: number }) {
	return deskChange(d, who, input.needId, 'start', async (_tx, _row, at) => ({
		fields: { state: 'in_progress', started_at: at },
		type: 'started'
	}));
}

export function decline(d: NeedDeps, who: StaffPrincipal, input: NeedDecline) {
	return deskChange(d, who, input.needId, 'decline', async (_tx, _row, at) => ({
		fields: { state: 'declined', decline_reason: input.reason, declined_at: at },
		type: 'declined'
	}));
}

/** Thrown inside the photo's record step so the file is removed with the refused change. */
class Refused extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.message);
	}
}

/** 已完成 with a sentence and a photo: the photo file is kept only if the change commits. */
export async function finish(
	d: NeedDeps,
	who: StaffPrincipal,
	input: NeedFinish,
	photo: Uint8Array
): Promise<Outcome<DeskNeed>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	let result: Outcome<DeskNeed> | null = null;
	try {
		const kept = await keepPhoto(d.dataDir, photo, async (file) => {
			const r = await deskChange(d, who, input.needId, 'finish', async (_tx, row, at) => ({
				fields: {
					state: 'done',
					done_note: input.note,
					done_photo: file.file,
					done_photo_mime: file.mime,
					done_at: at,
					started_at: row.started_at ?? at
				},
				type: 'done'
			}));
			if (!r.ok) throw new Refused(r);
			result = r;
		});
		if (!kept.ok) return kept;
	} catch (err) {
		if (err instanceof Refused) return err.refusal;
		throw err;
	}
	return result!;
}

export async function merge(
	d: NeedDeps,
	who: StaffPrincipal,
	input: NeedMerge
): Promise<Outcome<DeskNeed>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const at = d.now();
	return change(d, async (tx): Promise<Changed<DeskNeed>> => {
		const dup = await tx.needs.needById(input.needId);
		const into = await tx.needs.needById(input.intoId);
		if (!dup || !into) return notFound;
		if (dup.site_id !== into.site_id) {
			return { ok: false, error: ErrorCode.wrongSite, message: 'needs of different sites' };
		}
		if (!mayMove('merge', dup.state) || into.state === 'merged' || into.state === 'declined') {
			return {
				ok: false,
				error: ErrorCode.forbiddenTransition,
				message: `cannot merge a ${dup.state} need into a ${into.state} one`
			};
		}
		await tx.needs.moveAsksAndVotes(dup.id, into.id);
		await tx.needs.updateNeed(dup.id, { state: 'merged', merged_into: into.id }, at);
		// The surviving need was first asked when the earliest of the two was.
		if (dup.first_asked_at < into.first_asked_at) {
			await tx.needs.updateNeed(into.id, { first_asked_at: dup.first_asked_at }, at);
		}
		const actor = `staff:${who.id}`;
		const toldDup = await record(tx, {
			need: dup,
			type: 'merged',
			actor,
			data: { into: into.id },
			at
		});
		const toldInto = await record(tx, {
			need: into,
			type: 'merged_in',
			actor,
			data: { from: dup.id },
			at
		});
		await tx.audit.appendAudit({
			staffId: who.id,
			action: 'need.merge',
			targetType: 'need',
			targetId: dup.id,
			before: { state: dup.state, asked: dup.asked },
			after: { mergedInto: into.id },
			at
		});
		return {
			ok: true,
			value: await deskNeed(tx, (await tx.needs.needById(into.id))!),
			told: [toldDup, toldInto]
		};
	});
}

export function link(d: NeedDeps, who: StaffPrincipal, input: NeedLink) {
	return deskChange(d, who, input.needId, null, async (tx, row) => {
		const target = input.link;
		if (target) {
			const siteId =
				target.kind === 'service'
					? (await tx.stations.serviceById(target.id))?.site_id
					: (await tx.activities.activityById(target.id))?.siteId;
			if (siteId !== row.site_id) {
				return { ok: false, error: ErrorCode.notFound, message: `no such ${target.kind} here` };
			}
		}
		return {
			fields: {
				service_id: target?.kind === 'service' ? target.id : null,
				activity_id: target?.kind === 'activity' ? target.id : null
			},
			type: 'linked',
			data: { link: target }
		};
	});
}

export async function linkTargets(
	d: NeedDeps,
	who: StaffPrincipal,
	needId: number
): Promise<
	Outcome<{ services: { id: number; name: string }[]; activities: { id: number; name: string }[] }>
> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const row = await d.store.needs.needById(needId);
	if (!row) return notFound;
	const [services, activities] = await Promise.all([
		d.store.stations.siteServices(row.site_id),
		d.store.activities.siteActivities(row.site_id)
	]);
	return {
		ok: true,
		value: {
			services: services.map((s) => ({ id: s.id, name: s.name })),
			activities: activities.map((a) => ({ id: a.id, name: a.title }))
		}
	};
}

/** The done photo, for anyone: it is public once the need is done. */
export async function donePhoto(
	d: NeedDeps,
	needId: number
): Promise<{ bytes: Buffer; mime: string } | null> {
	const row = await d.store.needs.needById(needId);
	if (!row || row.state !== 'done' || !row.done_photo || !row.done_photo_mime) return null;
	const bytes = await readPhoto(d.dataDir, row.done_photo).catch(() => null);
	return bytes ? { bytes, mime: row.done_photo_mime } : null;
}
