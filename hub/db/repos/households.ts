import type {
	HouseholdRow,
	HouseholdsRepo,
	NewHousehold,
	PairingRow,
	VisitPhotoRow,
	VisitRow
} from '../../store/households.ts';
import type { SqlRepo } from '../sql-repo.ts';
import type { Query } from '../sqlite.ts';

const SELECT_HOUSEHOLD = `SELECT h.id, h.site_id, s.slug AS site_slug,
	coalesce(nullif(s.village, ''), s.name) AS village, h.head_name, h.address, h.phone, h.people,
	h.tags, h.notes, h.door_code, h.active, p.id AS pairing_id, p.member_id, m.member_no,
	m.display_name AS member_name, m.phone AS member_phone, p.started_at AS paired_at, p.aim,
	p.cadence_days,
	(SELECT max(v.at) FROM household_visits v WHERE v.household_id = h.id AND v.pairing_id = p.id)
		AS last_visit_at
	FROM households h
	JOIN sites s ON s.id = h.site_id
	LEFT JOIN pairings p ON p.household_id = h.id AND p.ended_at IS NULL
	LEFT JOIN members m ON m.id = p.member_id`;

export async function insertHousehold(tx: Query, h: NewHousehold, at: number): Promise<number> {
	const r = await tx.run(
		`INSERT INTO households (site_id, head_name, address, phone, people, tags, notes, door_code,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			h.siteId,
			h.headName,
			h.address,
			h.phone,
			h.people,
			JSON.stringify(h.tags),
			h.notes,
			h.doorCode,
			at,
			at
		]
	);
	return r.lastID;
}

export async function updateHousehold(
	tx: Query,
	id: number,
	h: Omit<NewHousehold, 'doorCode'>,
	at: number
): Promise<boolean> {
	const r = await tx.run(
		`UPDATE households SET site_id = ?, head_name = ?, address = ?, phone = ?, people = ?, tags = ?,
			notes = ?, updated_at = ? WHERE id = ?`,
		[h.siteId, h.headName, h.address, h.phone, h.people, JSON.stringify(h.tags), h.notes, at, id]
	);
	return r.changes === 1;
}

export function householdById(tx: Query, id: number): Promise<HouseholdRow | undefined> {
	return tx.get<HouseholdRow>(`${SELECT_HOUSEHOLD} WHERE h.id = ?`, [id]);
}

export function householdByDoorCode(tx: Query, code: string): Promise<HouseholdRow | undefined> {
	return tx.get<HouseholdRow>(`${SELECT_HOUSEHOLD} WHERE h.door_code = ?`, [code]);
}

export function listHouseholds(tx: Query): Promise<HouseholdRow[]> {
	return tx.all<HouseholdRow>(
		`${SELECT_HOUSEHOLD} WHERE h.active = 1 ORDER BY village, h.head_name`
	);
}

export function memberHouseholds(tx: Query, memberId: number): Promise<HouseholdRow[]> {
	return tx.all<HouseholdRow>(
		`${SELECT_HOUSEHOLD} WHERE p.member_id = ? AND h.active = 1 ORDER BY h.head_name`,
		[memberId]
	);
}

export async function setIncome(tx: Query, householdId: number, year: number, yuan: number) {
	await tx.run(
		`INSERT INTO household_incomes (household_id, year, yuan) VALUES (?, ?, ?)
		ON CONFLICT (household_id, year) DO UPDATE SET yuan = excluded.yuan`,
		[householdId, year, yuan]
	);
}

export function incomes(tx: Query, householdId?: number) {
	return tx.all<{ household_id: number; year: number; yuan: number }>(
		`SELECT household_id, year, yuan FROM household_incomes
		${householdId === undefined ? '' : 'WHERE household_id = ?'} ORDER BY household_id, year`,
		householdId === undefined ? [] : [householdId]
	);
}

export async function insertPairing(
	tx: Query,
	p: { householdId: number; memberId: number; aim: string; cadenceDays: number | null; at: number }
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO pairings (household_id, member_id, started_at, aim, cadence_days) VALUES (?, ?, ?, ?, ?)',
		[p.householdId, p.memberId, p.at, p.aim, p.cadenceDays]
	);
	return r.lastID;
}

const SELECT_PAIRING = `SELECT p.id, p.household_id, p.member_id, m.display_name AS member_name,
	p.started_at, p.aim, p.cadence_days, p.ended_at, p.end_reason
	FROM pairings p JOIN members m ON m.id = p.member_id`;

export function pairingById(tx: Query, id: number): Promise<PairingRow | undefined> {
	return tx.get<PairingRow>(`${SELECT_PAIRING} WHERE p.id = ?`, [id]);
}

export function pairingsOf(tx: Query, householdId: number): Promise<PairingRow[]> {
	return tx.all<PairingRow>(
		`${SELECT_PAIRING} WHERE p.household_id = ? ORDER BY p.started_at DESC, p.id DESC`,
		[householdId]
	);
}

export async function endPairing(tx: Query, id: number, reason: string, at: number) {
	const r = await tx.run(
		'UPDATE pairings SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
		[at, reason, id]
	);
	return r.changes === 1;
}

export async function insertVisit(
	tx: Query,
	v: {
		householdId: number;
		pairingId: number | null;
		memberId: number;
		at: number;
		kinds: string[];
		note: string;
		byCard: boolean;
	}
): Promise<number> {
	const r = await tx.run(
		`INSERT INTO household_visits (household_id, pairing_id, member_id, at, kinds, note, by_card)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		[
			v.householdId,
			v.pairingId,
			v.memberId,
			v.at,
			JSON.stringify(v.kinds),
			v.note,
			v.byCard ? 1 : 0
		]
	);
	return r.lastID;
}

export function visitsOf(tx: Query, householdId: number): Promise<VisitRow[]> {
	return tx.all<VisitRow>(
		`SELECT v.id, v.household_id, v.member_id, m.display_name AS member_name, v.at, v.kinds, v.note,
			v.by_card,
			(SELECT group_concat(ph.id) FROM visit_photos ph WHERE ph.visit_id = v.id) AS photo_ids,
			(SELECT group_concat(vw.wish_id) FROM visit_wishes vw WHERE vw.visit_id = v.id) AS wish_ids
		FROM household_visits v JOIN members m ON m.id = v.member_id
		WHERE v.household_id = ? ORDER BY v.at DESC LIMIT 200`,
		[householdId]
	);
}

export function visitCounts(tx: Query, start: number, end: number) {
	return tx.all<{ member_id: number; n: number }>(
		'SELECT member_id, count(*) AS n FROM household_visits WHERE at >= ? AND at < ? GROUP BY member_id',
		[start, end]
	);
}

export async function insertVisitPhoto(tx: Query, p: Omit<VisitPhotoRow, 'visit_id'>) {
	await tx.run(
		`INSERT INTO visit_photos (id, household_id, member_id, mime, bytes, file, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		[p.id, p.household_id, p.member_id, p.mime, p.bytes, p.file, p.created_at]
	);
}

export function visitPhotoById(tx: Query, id: string): Promise<VisitPhotoRow | undefined> {
	return tx.get<VisitPhotoRow>('SELECT * FROM visit_photos WHERE id = ?', [id]);
}

export async function attachVisitPhoto(tx: Query, id: string, visitId: number) {
	await tx.run('UPDATE visit_photos SET visit_id = ? WHERE id = ?', [visitId, id]);
}

export function unattachedVisitPhotosBefore(tx: Query, cutoff: number) {
	return tx.all<VisitPhotoRow>(
		'SELECT * FROM visit_photos WHERE visit_id IS NULL AND created_at < ?',
		[cutoff]
	);
}

export async function deleteVisitPhoto(tx: Query, id: string) {
	await tx.run('DELETE FROM visit_photos WHERE id = ? AND visit_id IS NULL', [id]);
}

export async function linkWish(tx: Query, wishId: string, householdId: number, visitId: number) {
	await tx.run('UPDATE wishes SET household_id = ? WHERE id = ?', [householdId, wishId]);
	await tx.run('INSERT INTO visit_wishes (visit_id, wish_id) VALUES (?, ?)', [visitId, wishId]);
}

export function householdWishes(tx: Query, householdId?: number) {
	return tx.all<{
		id: string;
		household_id: number;
		ticket_no: string;
		kind: 'wish' | 'report';
		text: string;
		status: string;
		received_at: number;
	}>(
		`SELECT id, household_id, ticket_no, kind, text, status, received_at FROM wishes
		WHERE ${householdId === undefined ? 'household_id IS NOT NULL' : 'household_id = ?'}
		ORDER BY received_at DESC`,
		householdId === undefined ? [] : [householdId]
	);
}

export const householdsRepo: SqlRepo<HouseholdsRepo> = {
	insertHousehold,
	updateHousehold,
	householdById,
	householdByDoorCode,
	listHouseholds,
	memberHouseholds,
	setIncome,
	incomes,
	insertPairing,
	pairingById,
	pairingsOf,
	endPairing,
	insertVisit,
	visitsOf,
	visitCounts,
	insertVisitPhoto,
	visitPhotoById,
	attachVisitPhoto,
	unattachedVisitPhotosBefore,
	deleteVisitPhoto,
	linkWish,
	householdWishes
};
