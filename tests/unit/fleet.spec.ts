import { describe, expect, it } from 'vitest';
import { kioskWarnings, type KioskHealthInput } from '../../shared/domain/fleet.ts';

const NOW = Date.UTC(2026, 10, 25, 6, 0);
const MIN = 60_000;
const healthy: KioskHealthInput = {
	revoked_at: null,
	online: 1,
	last_seen_at: NOW,
	outbox_length: 0,
	outbox_oldest_at: null,
	printer_error: null
};

describe('kiosk warnings on the desk', () => {
	it('says nothing about a connected kiosk with an empty outbox', () => {
		expect(kioskWarnings(healthy, NOW)).toEqual([]);
	});

	it('calls a kiosk offline only after 5 minutes without a connection, and never one not yet set up', () => {
		const away = { ...healthy, online: 0 };
		expect(kioskWarnings({ ...away, last_seen_at: NOW - 5 * MIN }, NOW)).toEqual([]);
		expect(kioskWarnings({ ...away, last_seen_at: NOW - 5 * MIN - 1 }, NOW)).toEqual([
			{ kind: 'offline', since: NOW - 5 * MIN - 1 }
		]);
		expect(kioskWarnings({ ...away, last_seen_at: null }, NOW)).toEqual([]);
		expect(kioskWarnings({ ...away, last_seen_at: NOW - 60 * MIN, online: 2 }, NOW)).toEqual([]);
	});

	it('flags an outbox still holding a wish older than 5 minutes, not one that is draining', () => {
		const queued = { ...healthy, outbox_length: 4 };
		expect(kioskWarnings({ ...queued, outbox_oldest_at: NOW - 2 * MIN }, NOW)).toEqual([]);
		expect(kioskWarnings({ ...queued, outbox_oldest_at: NOW - 6 * MIN }, NOW)).toEqual([
			{ kind: 'outbox_stuck', queued: 4, since: NOW - 6 * MIN }
		]);
		expect(
			kioskWarnings({ ...healthy, outbox_length: 0, outbox_oldest_at: NOW - 60 * MIN }, NOW)
		).toEqual([]);
	});

	it('reports a printer fault, and nothing at all for a revoked kiosk', () => {
		expect(kioskWarnings({ ...healthy, printer_error: '缺纸' }, NOW)).toEqual([
			{ kind: 'printer', detail: '缺纸' }
		]);
		expect(
			kioskWarnings(
				{ ...healthy, revoked_at: NOW - MIN, online: 0, last_seen_at: 0, printer_error: 'x' },
				NOW
			)
		).toEqual([]);
	});
});
