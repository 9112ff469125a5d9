import type { Query } from '../sqlite.ts';

import type { SiteRow } from '../../store/sites.ts';
import { lastTicketOf } from './tickets.ts';
import {
	type KioskRow,
	type KioskAtSite,
	type HeartbeatReport,
	type KiosksRepo
} from '../../store/kiosks.ts';
import type { SqlRepo } from '../sql-repo.ts';

const COLUMNS = 'id, site_id, name, ticket_prefix, paper_mm, revoked_at, last_seen_at';

export async function insertKiosk(
	tx: Query,
	kiosk: {
		siteId: number;
		name: string;
		ticketPrefix: string;
		tokenHash: string;
		paperMm: 58 | 80;
	},
	now: number
): Promise<number> {
	const r = await tx.run(
		'INSERT INTO kiosks (site_id, name, ticket_prefix, token_hash, paper_mm, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		[kiosk.siteId, kiosk.name, kiosk.ticketPrefix, kiosk.tokenHash, kiosk.paperMm, now]
	);
	return r.lastID;
}

/** A kiosk with its site's columns, and `extra` columns after them. */
function selectAtSite(extra: string): string {
	const kiosk = COLUMNS.split(', ').map((c) => `k.${c}`);
	return `SELECT ${kiosk.join(', ')}, s.slug, s.name AS site_name, s.kind, s.village, s.address,
		${extra} FROM kiosks k JOIN sites s ON s.id = k.site_id`;
}

type AtSiteRow = KioskRow & Omit<SiteRow, 'id' | 'name'> & { site_name: string };

function atSite(r: AtSiteRow): KioskAtSite {
	const { slug, site_name, kind, village, address, ...kiosk } = r;
	return { kiosk, site: { id: kiosk.site_id, slug, name: site_name, kind, village, address } };
}

/** Kiosks by token hash with their sites, in one statement for many connecting devices. */
export async function kiosksByTokenHashes(
	tx: Query,
	tokenHashes: readonly string[]
): Promise<Map<string, KioskAtSite>> {
	const rows = await tx.all<AtSiteRow & { token_hash: string }>(
		`${selectAtSite('k.token_hash')} WHERE k.token_hash IN (SELECT value FROM json_each(?))`,
		[JSON.stringify(tokenHashes)]
	);
	return new Map(rows.map(({ token_hash, ...r }) => [token_hash, atSite(r)]));
}

export async function kiosksForHello(
	tx: Query,
	ids: readonly number[]
): Promise<Map<number, KioskAtSite & { lastTicket: number }>> {
	const rows = await tx.all<AtSiteRow & { last_ticket: number | null }>(
		`${selectAtSite(`${lastTicketOf('k.ticket_prefix')} AS last_ticket`)}
		WHERE k.id IN (SELECT value FROM json_each(?))`,
		[JSON.stringify(ids)]
	);
	return new Map(
		rows.map(({ last_ticket, ...r }) => [r.id, { ...atSite(r), lastTicket: last_ticket ?? 0 }])
	);
}

export function kioskById(tx: Query, id: number): Promise<KioskRow | undefined> {
	return tx.get<KioskRow>(`SELECT ${COLUMNS} FROM kiosks WHERE id = ?`, [id]);
}

export async function touchKiosks(
	tx: Query,
	seen: readonly (readonly [number, number])[]
): Promise<void> {
	if (seen.length === 0) return;
	await tx.run(
		`UPDATE kiosks SET last_seen_at = json_extract(j.value, '$[1]')
		 FROM json_each(?) AS j WHERE kiosks.id = json_extract(j.value, '$[0]')`,
		[JSON.stringify(seen)]
	);
}

export async function recordHeartbeats(
	tx: Query,
	reports: readonly HeartbeatReport[]
): Promise<void> {
	if (reports.length === 0) return;
	const rows = reports.map(({ kioskId, at, hb }) => [
		kioskId,
		at,
		hb.appVersion,
		hb.outboxLength,
		hb.outboxLength > 0 ? (hb.oldestQueuedAt ?? null) : null,
		hb.printerError
	]);
	await tx.run(
		// A hello buffered with an older beat may already have written a later last-seen time.
		`UPDATE kiosks SET heartbeat_at = json_extract(j.value, '$[1]'),
			last_seen_at = max(coalesce(last_seen_at, 0), json_extract(j.value, '$[1]')),
			app_version = json_extract(j.value, '$[2]'),
			outbox_length = json_extract(j.value, '$[3]'), outbox_oldest_at = json_extract(j.value, '$[4]'),
			printer_error = json_extract(j.value, '$[5]')
		 FROM json_each(?) AS j WHERE kiosks.id = json_extract(j.value, '$[0]')`,
		[JSON.stringify(rows)]
	);
}

export const kiosksRepo: SqlRepo<KiosksRepo> = {
	insertKiosk,
	kiosksByTokenHashes,
	kiosksForHello,
	kioskById,
	touchKiosks,
	recordHeartbeats
};
