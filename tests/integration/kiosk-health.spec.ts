import { afterEach, describe, expect, it } from 'vitest';
import {
	closeAll,
	connectKiosk,
	countRows,
	emitRaw,
	makeWish,
	startTestHub,
	submitBatch
} from '../helpers/start-hub.ts';
import { newStaff, signInAdmin } from '../helpers/desk.ts';

afterEach(closeAll);

describe('kiosk health', () => {
	it('records when each kiosk said hello, many kiosks in one write', async () => {
		const { hub, kiosksAt } = await startTestHub();
		await hub.core.kiosks.flush();
		await hub.core.db.run('UPDATE kiosks SET last_seen_at = NULL');
		const started = Date.now();
		const ids: number[] = [];
		for (const k of kiosksAt('shuanglong').slice(0, 2)) {
			ids.push((await connectKiosk(hub, k.token)).hello.kioskId);
		}
		await hub.core.kiosks.flush();
		const rows = await hub.core.db.all<{ id: number; last_seen_at: number | null }>(
			'SELECT id, last_seen_at FROM kiosks ORDER BY id'
		);
		const seen = rows.filter((r) => r.last_seen_at !== null);
		expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
		for (const r of seen) {
			expect(r.last_seen_at).toBeGreaterThanOrEqual(started);
			expect(r.last_seen_at).toBeLessThanOrEqual(Date.now());
		}
	});

	it('records heartbeats: app version, outbox length and printer error, the latest of each kiosk, with the time it arrived', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const [a, b] = kiosksAt('shuanglong');
		const { socket, hello } = await connectKiosk(hub, a!.token);
		const other = await connectKiosk(hub, b!.token);
		const before = Date.now();
		const first = await emitRaw(socket, 'kiosk:heartbeat', {
			appVersion: '2026.11.24',
			outboxLength: 2,
			oldestQueuedAt: before - 60_000,
			printerError: null
		});
		expect(first.ok).toBe(true);
		const r = await emitRaw(socket, 'kiosk:heartbeat', {
			appVersion: '2026.11.25',
			outboxLength: 7,
			printerError: '缺纸'
		});
		expect(r.ok).toBe(true);
		expect(
			(
				await emitRaw(other.socket, 'kiosk:heartbeat', {
					appVersion: 'b',
					outboxLength: 0,
					oldestQueuedAt: before,
					printerError: null
				})
			).ok
		).toBe(true);
		// Heartbeats are written together every few seconds; the flush is that timer's turn.
		await hub.core.kiosks.flush();
		const rows = await hub.core.db.all<{
			id: number;
			app_version: string;
			outbox_length: number;
			outbox_oldest_at: number | null;
			printer_error: string | null;
			heartbeat_at: number;
			last_seen_at: number;
		}>(
			`SELECT id, app_version, outbox_length, outbox_oldest_at, printer_error, heartbeat_at, last_seen_at
			 FROM kiosks WHERE id IN (?, ?) ORDER BY id = ? DESC`,
			[hello.kioskId, other.hello.kioskId, hello.kioskId]
		);
		expect(rows).toMatchObject([
			{
				id: hello.kioskId,
				app_version: '2026.11.25',
				outbox_length: 7,
				outbox_oldest_at: null,
				printer_error: '缺纸'
			},
			// An empty outbox has no oldest wish, whatever the kiosk sent.
			{ app_version: 'b', outbox_length: 0, outbox_oldest_at: null, printer_error: null }
		]);
		for (const row of rows) {
			expect(row.heartbeat_at).toBeGreaterThanOrEqual(before);
			expect(row.heartbeat_at).toBeLessThanOrEqual(Date.now());
			expect(row.last_seen_at).toBe(row.heartbeat_at);
		}
	});

	it('refuses a malformed heartbeat and changes nothing', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const { socket, hello } = await connectKiosk(hub, kiosksAt('shuanglong')[0]!.token);
		const r = await emitRaw(socket, 'kiosk:heartbeat', { appVersion: 'x', outboxLength: -1 });
		expect(r).toMatchObject({ ok: false, error: 'invalid_payload' });
		const row = await hub.core.db.get<{ heartbeat_at: number | null }>(
			'SELECT heartbeat_at FROM kiosks WHERE id = ?',
			[hello.kioskId]
		);
		expect(row?.heartbeat_at).toBeNull();
	});

	it('keeps a wish refused for good in a replayed batch whole in a desk alert, and stores the others', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const { socket } = await connectKiosk(hub, kiosksAt('shuanglong')[0]!.token);
		const bad = { ...makeWish('A', 9001), text: 'x'.repeat(2_000) };
		const good = makeWish('A', 9002);
		const r = await submitBatch(socket, [bad, good]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value[0]).toMatchObject({
			id: bad.id,
			ok: false,
			error: 'invalid_payload',
			held: true
		});
		expect(r.value[1]).toMatchObject({ id: good.id, ok: true });
		const alert = await hub.core.db.get<{ payload: string }>(
			"SELECT payload FROM alerts WHERE kind = 'wish_held' AND wish_id = ?",
			[bad.id]
		);
		expect(JSON.parse(alert!.payload)).toEqual(bad);
		expect(await countRows(hub, 'wishes', `id = '${bad.id}'`)).toBe(0);
	});
});

describe('the fleet view', () => {
	it('flags a kiosk offline for over 5 minutes and an outbox holding a wish for over 5 minutes, and lets an admin clear an alert', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const admin = await signInAdmin(hub);
		const [a, b] = kiosksAt('shuanglong');
		const { socket, hello } = await connectKiosk(hub, a!.token);
		const r = await emitRaw(socket, 'kiosk:heartbeat', {
			appVersion: 'test',
			outboxLength: 3,
			oldestQueuedAt: Date.now() - 6 * 60_000,
			printerError: null
		});
		expect(r.ok).toBe(true);
		// Kiosk B was last heard of 10 minutes ago and is not connected now.
		const bId = (await hub.core.db.get<{ id: number }>('SELECT id FROM kiosks WHERE name = ?', [
			b!.name
		]))!.id;
		await hub.core.db.run('UPDATE kiosks SET last_seen_at = ? WHERE id = ?', [
			Date.now() - 10 * 60_000,
			bId
		]);
		const bad = { ...makeWish('A', 9101), text: 'x'.repeat(2_000) };
		await submitBatch(socket, [bad]);
		await expect.poll(() => countRows(hub, 'alerts', `wish_id = '${bad.id}'`)).toBe(1);

		const overview = await hub.core.fleet.overview(admin.staff);
		if (!overview.ok) throw new Error(overview.message);
		const byId = new Map(overview.value.kiosks.map((k) => [k.id, k]));
		expect(byId.get(hello.kioskId)!.warnings).toEqual([
			expect.objectContaining({ kind: 'outbox_stuck', queued: 3 })
		]);
		expect(byId.get(bId)!.warnings).toEqual([expect.objectContaining({ kind: 'offline' })]);
		const alert = overview.value.alerts.find((x) => x.wish_id === bad.id)!;
		expect(alert.kind).toBe('wish_held');

		// A heartbeat with an empty outbox clears the flag.
		await emitRaw(socket, 'kiosk:heartbeat', {
			appVersion: 'test',
			outboxLength: 0,
			oldestQueuedAt: null,
			printerError: null
		});
		const dispatcher = await newStaff(hub, admin, 'dispatcher');
		expect(await hub.core.fleet.resolveAlert(dispatcher.staff, alert.id)).toMatchObject({
			ok: false,
			error: 'forbidden'
		});
		expect(await hub.core.fleet.resolveAlert(admin.staff, alert.id)).toMatchObject({ ok: true });
		const after = await hub.core.fleet.overview(admin.staff);
		if (!after.ok) throw new Error(after.message);
		expect(after.value.kiosks.find((k) => k.id === hello.kioskId)!.warnings).toEqual([]);
		expect(after.value.alerts.some((x) => x.id === alert.id)).toBe(false);
		expect(await countRows(hub, 'audit_log', "action = 'alert.resolve'")).toBe(1);
	});
});
