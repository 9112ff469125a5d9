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

afterEach(closeAll);

describe('kiosk health', () => {
	it('records a heartbeat: app version, outbox length and printer error, with the time it arrived', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const kiosk = kiosksAt('shuanglong')[0]!;
		const { socket, hello } = await connectKiosk(hub, kiosk.token);
		const r = await emitRaw(socket, 'kiosk:heartbeat', {
			appVersion: '2026.11.25',
			outboxLength: 7,
			printerError: '缺纸'
		});
		expect(r.ok).toBe(true);
		const row = await hub.core.db.get<{
			app_version: string;
			outbox_length: number;
			printer_error: string;
			heartbeat_at: number;
		}>('SELECT app_version, outbox_length, printer_error, heartbeat_at FROM kiosks WHERE id = ?', [
			hello.kioskId
		]);
		expect(row).toMatchObject({
			app_version: '2026.11.25',
			outbox_length: 7,
			printer_error: '缺纸'
		});
		expect(Date.now() - row!.heartbeat_at).toBeLessThan(5_000);
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

	it('turns a wish refused for good in a replayed batch into a desk alert, and stores the others', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const { socket } = await connectKiosk(hub, kiosksAt('shuanglong')[0]!.token);
		const bad = { ...makeWish('A', 9001), text: 'x'.repeat(2_000) };
		const good = makeWish('A', 9002);
		const r = await submitBatch(socket, [bad, good]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value[0]).toMatchObject({ id: bad.id, ok: false, error: 'invalid_payload' });
		expect(r.value[1]).toMatchObject({ id: good.id, ok: true });
		await expect
			.poll(() => countRows(hub, 'alerts', `kind = 'wish_rejected' AND wish_id = '${bad.id}'`))
			.toBe(1);
		expect(await countRows(hub, 'wishes', `id = '${bad.id}'`)).toBe(0);
	});
});
