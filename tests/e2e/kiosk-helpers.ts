/** Helpers for the kiosk's browser tests: screen sizes, hub look-ups, taps. */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDb, type Db } from '../../hub/db/sqlite.ts';
import type { DemoKiosk } from '../../hub/demo/seed.ts';
import { demoKiosks } from './fixtures.ts';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const SIZES = [
	{ name: 'portrait', viewport: PORTRAIT },
	{ name: 'landscape', viewport: LANDSCAPE }
] as const;

/** A demo kiosk at a service center (not the warm station), by its position in the demo. */
export function centerKiosk(index = 0): DemoKiosk {
	const centers = demoKiosks().filter((k) => k.site !== 'qiaocheng');
	return centers[index % centers.length]!;
}

/** The kiosk address with optional query settings (e.g. idle=3&warn=3). */
export function kioskAddress(kiosk: DemoKiosk, query = ''): string {
	return `/kiosk/${kiosk.site}${query ? `?${query}` : ''}#device=${kiosk.token}`;
}

/** The e2e hub's last committed sequence number, from /healthz. */
export async function lastSeq(page: Page): Promise<number> {
	const res = await page.request.get('/healthz');
	return ((await res.json()) as { lastSeq: number }).lastSeq;
}

let db: Promise<Db> | null = null;
/** A read connection to the e2e hub's database (WAL: reading beside the hub is safe). */
export function hubDb(): Promise<Db> {
	const dir = process.env.WISHWALL_E2E_DATA;
	if (!dir) throw new Error('WISHWALL_E2E_DATA is not set; run through playwright.config.ts');
	db ??= openDb(join(dir, 'wishwall.sqlite'));
	return db;
}

export interface StoredWish {
	id: string;
	kind: string;
	text: string;
	voice_ms: number | null;
	voice_mime: string | null;
	contact_name: string;
	contact_phone: string;
	claim_code: string;
	track_code: string;
	channel: string;
}

export async function wishByTicket(ticketNo: string): Promise<StoredWish | undefined> {
	return (await hubDb()).get<StoredWish>(
		`SELECT id, kind, text, voice_ms, voice_mime, contact_name, contact_phone, claim_code,
			track_code, channel FROM wishes WHERE ticket_no = ?`,
		[ticketNo]
	);
}

/** Counts every tap (click) the page receives, from before its first script runs. */
export async function countTaps(page: Page): Promise<() => Promise<number>> {
	await page.addInitScript(() => {
		const w = window as unknown as { __taps: number };
		w.__taps = 0;
		document.addEventListener('click', () => (w.__taps += 1), { capture: true });
	});
	return () => page.evaluate(() => (window as unknown as { __taps: number }).__taps);
}

/** Where the kiosk tests leave screenshots for people to look at (Playwright clears test-results). */
export function shotPath(name: string): string {
	const dir = process.env.WISHWALL_SHOTS ?? join(tmpdir(), 'wishwall-shots');
	mkdirSync(dir, { recursive: true });
	return join(dir, `${name}.png`);
}

/** Page errors and console errors, e.g. a hydration that could not take the server's page over. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error' || /hydration/i.test(m.text())) errors.push(m.text());
	});
	return errors;
}
