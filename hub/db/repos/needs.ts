import type { NeedChannel } from '../../../shared/domain/needs.ts';
import type {
	MeetingRow,
	NeedAskRow,
	NeedFields,
	NeedFigureDbRow,
	NeedListFilter,
	NeedRow,
	NeedsRepo
} from '../../store/needs.ts';
import type { SqlRepo } from '../sql-repo.ts';
import type { Query } from '../sqlite.ts';

const ASKED = `((SELECT coalesce(sum(a.people), 0) FROM need_asks a WHERE a.need_id = n.id)
	+ (SELECT count(*) FROM need_votes v WHERE v.need_id = n.id))`;

const SELECT_NEED = `SELECT n.id, n.site_id, s.slug AS site_slug, s.name AS site_name, n.theme,
	n.title, n.state, n.merged_into, n.plan, n.owner, n.target_month, n.done_note, n.done_photo,
	n.done_photo_mime, n.decline_reason, n.service_id, ss.name AS service_name, n.activity_id,
	ac.title AS activity_title, n.first_asked_at, n.adopted_at, n.started_at, n.done_at,
	n.declined_at, n.seq, ${ASKED} AS asked,
	EXISTS (SELECT 1 FROM need_asks a WHERE a.need_id = n.id AND a.voice_ms IS NOT NULL) AS has_voice
	FROM needs n
	JOIN sites s ON s.id = n.site_id
	LEFT JOIN station_services ss ON ss.id = n.service_id
	LEFT JOIN activities ac ON ac.id = n.activity_id`;

const SELECT_ASK = `SELECT a.id, a.need_id, a.channel, a.kiosk_id, a.text, a.people, a.voice_ms,
	a.voice_mime, a.listen_code, a.received_at, a.meeting_id, m.title AS meeting_title,
	m.held_on AS meeting_held_on
	FROM need_asks a LEFT JOIN need_meetings m ON m.id = a.meeting_id`;

// The only columns updateNeed writes: its keys come from code, never from input, but a list
// keeps a typo from becoming SQL.
const FIELDS: readonly (keyof NeedFields)[] = [
	'theme',
	'title',
	'state',
	'merged_into',
	'plan',
	'owner',
	'target_month',
	'done_note',
	'done_photo',
	'done_photo_mime',
	'decline_reason',
	'service_id',
	'activity_id',
	'first_asked_at',
	'adopted_at',
	'started_at',
	'done_at',
	'declined_at',
	'seq'
];

export async function insertNeed(
	tx: Query,
	n: { siteId: number; theme: string; title: string; at: number }
): Promise<number> {
	const r = await tx.run(
		`INSERT INTO needs (site_id, theme, title, first_asked_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		[n.siteId, n.theme, n.title, n.at, n.at, n.at]
	);
	return r.lastID;
}

export function needById(tx: Query, id: number): Promise<NeedRow | undefined> {
	return tx.get<NeedRow>(`${SELECT_NEED} WHERE n.id = ?`, [id]);
}

export function listNeeds(tx: Query, f: NeedListFilter): Promise<NeedRow[]> {
	const where: string[] = [];
	const params: (string | number)[] = [];
	if (f.siteId !== undefined) {
		where.push('n.site_id = ?');
		params.push(f.siteId);
	}
	if (f.states) {
		where.push(`n.state IN (SELECT value FROM json_each(?))`);
		params.push(JSON.stringify(f.states));
	}
	if (f.theme) {
		where.push('n.theme = ?');
		params.push(f.theme);
	}
	if (f.changedSince !== undefined) {
		where.push('n.updated_at >= ?');
		params.push(f.changedSince);
	}
	return tx.all<NeedRow>(
		`${SELECT_NEED} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY n.updated_at DESC, n.id DESC LIMIT 1000`,
		params
	);
}

export async function updateNeed(
	tx: Query,
	id: number,
	fields: Partial<NeedFields>,
	at: number
): Promise<void> {
	const keys = FIELDS.filter((k) => k in fields);
	await tx.run(
		`UPDATE needs SET ${keys.map((k) => `${k} = ?`).join(', ')}${keys.length ? ', ' : ''}
		updated_at = ? WHERE id = ?`,
		[...keys.map((k) => fields[k] ?? null), at, id]
	);
}

export async function insertAsk(
	tx: Query,
	a: Parameters<NeedsRepo['insertAsk']>[0]
): Promise<void> {
	await tx.run(
		`INSERT INTO need_asks (id, need_id, site_id, channel, kiosk_id, meeting_id, text, people,
			voice_ms, voice_mime, listen_code, phone_key, received_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			a.id,
			a.needId,
			a.siteId,
			a.channel,
			a.kioskId,
			a.meetingId,
			a.text,
			a.people,
			a.voiceMs,
			a.voiceMime,
			a.listenCode,
			a.phoneKey ?? null,
			a.at
		]
	);
}

export function askById(tx: Query, id: string): Promise<NeedAskRow | undefined> {
	return tx.get<NeedAskRow>(`${SELECT_ASK} WHERE a.id = ?`, [id]);
}

export function asksOf(tx: Query, needId: number): Promise<NeedAskRow[]> {
	return tx.all<NeedAskRow>(`${SELECT_ASK} WHERE a.need_id = ? ORDER BY a.received_at, a.id`, [
		needId
	]);
}

export async function insertVote(
	tx: Query,
	v: Parameters<NeedsRepo['insertVote']>[0]
): Promise<boolean> {
	const r = await tx.run(
		`INSERT OR IGNORE INTO need_votes (need_id, channel, kiosk_id, phone_key, day, at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		[v.needId, v.channel, v.kioskId, v.phoneKey, v.day, v.at]
	);
	return r.changes === 1;
}

export async function lastKioskVoteAt(
	tx: Query,
	needId: number,
	kioskId: number
): Promise<number | null> {
	const r = await tx.get<{ at: number | null }>(
		'SELECT max(at) AS at FROM need_votes WHERE need_id = ? AND kiosk_id = ?',
		[needId, kioskId]
	);
	return r?.at ?? null;
}

export async function phoneRaised(tx: Query, needId: number, phoneKey: string): Promise<boolean> {
	const r = await tx.get<{ n: number }>(
		'SELECT count(*) AS n FROM need_asks WHERE need_id = ? AND phone_key = ?',
		[needId, phoneKey]
	);
	return (r?.n ?? 0) > 0;
}

export async function phoneCounted(tx: Query, siteId: number, phoneKey: string): Promise<number[]> {
	const rows = await tx.all<{ need_id: number }>(
		`SELECT v.need_id FROM need_votes v JOIN needs n ON n.id = v.need_id
			WHERE v.phone_key = ?2 AND n.site_id = ?1
		UNION SELECT need_id FROM need_asks WHERE phone_key = ?2 AND site_id = ?1`,
		[siteId, phoneKey]
	);
	return rows.map((r) => r.need_id).sort((a, b) => a - b);
}

export async function kioskVotesOn(tx: Query, kioskId: number, day: string): Promise<number> {
	const r = await tx.get<{ n: number }>(
		'SELECT count(*) AS n FROM need_votes WHERE kiosk_id = ? AND day = ?',
		[kioskId, day]
	);
	return r?.n ?? 0;
}

export async function countsByChannel(
	tx: Query,
	needId: number
): Promise<Record<NeedChannel, number>> {
	const rows = await tx.all<{ channel: NeedChannel; n: number }>(
		`SELECT channel, sum(n) AS n FROM (
			SELECT channel, sum(people) AS n FROM need_asks WHERE need_id = ?1 GROUP BY channel
			UNION ALL SELECT channel, count(*) AS n FROM need_votes WHERE need_id = ?1 GROUP BY channel
		) GROUP BY channel`,
		[needId]
	);
	const counts: Record<NeedChannel, number> = { kiosk: 0, phone: 0, desk: 0, meeting: 0 };
	for (const r of rows) counts[r.channel] = r.n;
	return counts;
}

export async function moveAsksAndVotes(tx: Query, fromId: number, toId: number): Promise<void> {
	await tx.run('UPDATE need_asks SET need_id = ? WHERE need_id = ?', [toId, fromId]);
	// A phone counts once per need: a +1 whose phone already counts on the kept need (a +1 or its
	// own suggestion) stays behind on the merged one, where nothing counts.
	const counted = `SELECT phone_key FROM need_votes WHERE need_id = ?1 AND phone_key IS NOT NULL
		UNION SELECT phone_key FROM need_asks WHERE need_id = ?1 AND phone_key IS NOT NULL`;
	await tx.run(
		`UPDATE need_votes SET need_id = ?1 WHERE need_id = ?2
			AND (phone_key IS NULL OR phone_key NOT IN (${counted}))`,
		[toId, fromId]
	);
	await tx.run(
		`UPDATE need_votes SET need_id = ?2 WHERE need_id = ?1 AND phone_key IN (
			SELECT phone_key FROM need_asks WHERE need_id = ?1 AND phone_key IS NOT NULL)`,
		[toId, fromId]
	);
}

export function mergedInto(tx: Query, id: number): Promise<{ id: number; title: string }[]> {
	return tx.all('SELECT id, title FROM needs WHERE merged_into = ? ORDER BY id', [id]);
}

export async function insertMeeting(
	tx: Query,
	m: Parameters<NeedsRepo['insertMeeting']>[0]
): Promise<number> {
	const r = await tx.run(
		`INSERT INTO need_meetings (site_id, title, held_on, attendees, staff_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		[m.siteId, m.title, m.heldOn, m.attendees, m.staffId, m.at]
	);
	return r.lastID;
}

export function meetings(tx: Query, siteId: number | null): Promise<MeetingRow[]> {
	return tx.all<MeetingRow>(
		`SELECT m.id, m.site_id, s.slug AS site_slug, m.title, m.held_on, m.attendees,
			(SELECT count(*) FROM need_asks a WHERE a.meeting_id = m.id) AS suggestions, m.created_at
		FROM need_meetings m JOIN sites s ON s.id = m.site_id
		WHERE ?1 IS NULL OR m.site_id = ?1
		ORDER BY m.held_on DESC, m.id DESC LIMIT 200`,
		[siteId]
	);
}

export async function linkedNeeds(
	tx: Query,
	kind: 'service' | 'activity',
	ids: readonly number[]
): Promise<Map<number, { id: number; title: string }>> {
	const column = kind === 'service' ? 'service_id' : 'activity_id';
	const rows = await tx.all<{ target: number; id: number; title: string }>(
		`SELECT ${column} AS target, id, title FROM needs
		WHERE ${column} IN (SELECT value FROM json_each(?)) AND state <> 'merged' ORDER BY id`,
		[JSON.stringify(ids)]
	);
	const map = new Map<number, { id: number; title: string }>();
	for (const r of rows) if (!map.has(r.target)) map.set(r.target, { id: r.id, title: r.title });
	return map;
}

export function figureRows(tx: Query, start: number, end: number): Promise<NeedFigureDbRow[]> {
	return tx.all<NeedFigureDbRow>(
		`SELECT n.id, n.title, s.slug AS site_slug, n.theme, n.state, ${ASKED} AS asked,
			n.first_asked_at, n.adopted_at, n.done_at
		FROM needs n JOIN sites s ON s.id = n.site_id
		WHERE n.state <> 'merged' AND n.first_asked_at >= ? AND n.first_asked_at < ?
		ORDER BY n.first_asked_at, n.id`,
		[start, end]
	);
}

export const needsRepo: SqlRepo<NeedsRepo> = {
	insertNeed,
	needById,
	listNeeds,
	updateNeed,
	insertAsk,
	askById,
	asksOf,
	insertVote,
	lastKioskVoteAt,
	phoneRaised,
	phoneCounted,
	kioskVotesOn,
	countsByChannel,
	moveAsksAndVotes,
	mergedInto,
	insertMeeting,
	meetings,
	linkedNeeds,
	figureRows
};
