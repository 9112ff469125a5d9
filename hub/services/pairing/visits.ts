/**
 * The paired member's side, from the phone (/m, /h/<door-code>): my households, a household by its
 * door card, and 记一次走访 — what was done, a note, photos, and the needs found, each of which
 * becomes a wish of the household's village through the one write path (ticket JD-…, the
 * resident's details from the household, never shown publicly). Every command checks the session.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type {
	HouseholdDetail,
	HouseholdSummary,
	VisitInput
} from '../../../shared/schemas/pairing.ts';
import type { HouseholdRow } from '../../store/households.ts';
import type { Member } from '../members.ts';
import { keepPhoto, readPhoto } from '../photo-files.ts';
import { toSummary, type PairingDeps } from './deps.ts';
import { detailOf } from './households.ts';

/** Tickets of wishes found on visits: JD-0001, … (结对). */
export const VISIT_TICKET_PREFIX = 'JD';

type Token = string | null | undefined;

const unauthorized = {
	ok: false,
	error: ErrorCode.unauthorized,
	message: 'sign in first'
} as const;
const notYours = { ok: false, error: ErrorCode.notYours, message: 'not_your_household' } as const;
const notFound = { ok: false, error: ErrorCode.notFound, message: 'no_such_household' } as const;

/** The signed-in member and the household, when it is paired with them. */
async function mine(
	d: PairingDeps,
	token: Token,
	find: () => Promise<HouseholdRow | undefined>
): Promise<Outcome<{ member: Member; row: HouseholdRow }>> {
	const member = await d.members.authenticate(token);
	if (!member) return unauthorized;
	const row = await find();
	if (!row || row.active !== 1) return notFound;
	// Anyone else — another member, a field worker — learns nothing of the household.
	if (row.member_id !== member.id) return notYours;
	return { ok: true, value: { member, row } };
}

export async function myHouseholds(
	d: PairingDeps,
	token: Token
): Promise<{ households: HouseholdSummary[] } | null> {
	const member = await d.members.authenticate(token);
	if (!member) return null;
	const now = d.now();
	const rows = await d.store.households.memberHouseholds(member.id);
	return { households: rows.map((r) => toSummary(r, now)) };
}

export async function byDoorCode(
	d: PairingDeps,
	token: Token,
	code: string
): Promise<Outcome<HouseholdSummary>> {
	const r = await mine(d, token, () => d.store.households.householdByDoorCode(code));
	return r.ok ? { ok: true, value: toSummary(r.value.row, d.now()) } : r;
}

export async function householdForMember(
	d: PairingDeps,
	token: Token,
	id: number
): Promise<Outcome<HouseholdDetail>> {
	const r = await mine(d, token, () => d.store.households.householdById(id));
	if (!r.ok) return r;
	return { ok: true, value: (await detailOf(d, d.store, id))! };
}

/**
 * One visit: the visit row, its photos attached, and each need submitted as a wish linked to the
 * household and the visit. The wishes go through the group commit after the visit is stored; a
 * need the hub refuses is reported, the visit stays.
 */
export async function logVisit(
	d: PairingDeps,
	token: Token,
	input: VisitInput
): Promise<Outcome<{ visitId: number; wishIds: string[]; tickets: string[] }>> {
	const r = await mine(d, token, () => d.store.households.householdById(input.householdId));
	if (!r.ok) return r;
	const { member, row } = r.value;
	const at = d.now();
	const visitId = await d.store.transaction(async (tx) => {
		for (const id of input.photoIds) {
			const photo = await tx.households.visitPhotoById(id);
			if (
				!photo ||
				photo.household_id !== row.id ||
				photo.member_id !== member.id ||
				photo.visit_id !== null
			) {
				return null;
			}
		}
		const id = await tx.households.insertVisit({
			householdId: row.id,
			pairingId: row.pairing_id,
			memberId: member.id,
			at,
			kinds: input.kinds,
			note: input.note,
			byCard: input.byCard
		});
		for (const photoId of input.photoIds) await tx.households.attachVisitPhoto(photoId, id);
		await tx.audit.appendAudit({
			staffId: null,
			action: 'visit.log',
			targetType: 'household',
			targetId: row.id,
			before: null,
			after: {
				member: member.memberNo,
				visitId: id,
				byCard: input.byCard,
				needs: input.needs.length
			},
			at
		});
		return id;
	});
	if (visitId === null) return { ok: false, error: ErrorCode.notFound, message: 'no such photo' };
	const wishIds: string[] = [];
	const tickets: string[] = [];
	for (const need of input.needs) {
		const made = await submitNeed(d, member, row, visitId, need);
		if (made) {
			wishIds.push(made.id);
			tickets.push(made.ticketNo);
		}
	}
	d.visited({ householdId: row.id, siteSlug: row.site_slug });
	return { ok: true, value: { visitId, wishIds, tickets } };
}

async function submitNeed(
	d: PairingDeps,
	member: Member,
	row: HouseholdRow,
	visitId: number,
	need: VisitInput['needs'][number]
): Promise<{ id: string; ticketNo: string } | null> {
	const r = await d.wishes.submitNumbered(
		{ siteId: row.site_id, kioskId: null, channel: 'phone', actor: `member:${member.memberNo}` },
		VISIT_TICKET_PREFIX,
		(fresh) => ({
			id: fresh.id,
			kind: need.kind,
			category: need.category,
			text: need.text,
			voice: null,
			contactName: row.head_name,
			contactPhone: row.phone,
			ticketNo: fresh.ticketNo,
			claimCode: fresh.claimCode,
			trackCode: fresh.trackCode,
			createdAt: fresh.at
		})
	);
	if (!r.ok) return null;
	const { id, ticketNo } = r.value.wish;
	await d.store.households.linkWish(id, row.id, visitId);
	return { id, ticketNo };
}

/** Checked before the bytes are read, so strangers cannot make the hub take 5 MB. */
export async function checkVisitUpload(d: PairingDeps, token: Token, householdId: number) {
	const r = await mine(d, token, () => d.store.households.householdById(householdId));
	return r.ok ? { ok: true as const, value: null } : r;
}

export async function storeVisitPhoto(
	d: PairingDeps,
	token: Token,
	householdId: number,
	bytes: Uint8Array
): Promise<Outcome<{ id: string }>> {
	const r = await mine(d, token, () => d.store.households.householdById(householdId));
	if (!r.ok) return r;
	return keepPhoto(d.dataDir, bytes, (p) =>
		d.store.households.insertVisitPhoto({
			id: p.id,
			household_id: householdId,
			member_id: r.value.member.id,
			mime: p.mime,
			bytes: p.bytes,
			file: p.file,
			created_at: d.now()
		})
	);
}

/** A visit photo for the member who took it or for staff; anyone else gets null. */
export async function visitPhoto(
	d: PairingDeps,
	id: string,
	by: { token?: string | null; staff?: boolean }
) {
	const photo = await d.store.households.visitPhotoById(id);
	if (!photo) return null;
	let allowed = by.staff === true;
	if (!allowed && by.token) {
		const member = await d.members.authenticate(by.token);
		allowed = member !== null && member.id === photo.member_id;
	}
	if (!allowed) return null;
	return { mime: photo.mime, bytes: await readPhoto(d.dataDir, photo.file) };
}
