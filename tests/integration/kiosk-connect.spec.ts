/**
 * A reconnect storm: the device checks and hellos of kiosks connecting in the same turn are read
 * together, a few statements for all of them, and each kiosk still gets exactly its own answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../hub/db/store.ts';
import { createKioskService } from '../../hub/services/kiosks.ts';
import { hashToken } from '../../hub/infra/secrets.ts';
import { countingDb } from '../helpers/counting-db.ts';
import { closeAll, startTestHub } from '../helpers/start-hub.ts';

afterEach(closeAll);

describe('kiosks connecting together', () => {
	it('reads the hellos of kiosks connecting in one turn together, and each gets its own', async () => {
		const { hub } = await startTestHub();
		const ids = (await hub.core.db.all<{ id: number }>('SELECT id FROM kiosks')).map((k) => k.id);
		expect(ids.length).toBeGreaterThan(3);
		const publicUrl = () => 'http://hub.test';
		// One at a time, each in its own turn: the answers as a lone kiosk gets them.
		const alone = createKioskService({ store: sqliteStore(hub.core.db), publicUrl });
		const expected = [];
		for (const id of ids) expected.push(await alone.hello(id));
		expect(new Set(expected.map((h) => h.kioskId))).toEqual(new Set(ids));

		const counted = countingDb(hub.core.db);
		const together = createKioskService({ store: sqliteStore(counted.db), publicUrl });
		const answers = await Promise.all([...ids, ids[0]!].map((id) => together.hello(id)));
		expect(answers).toEqual([...expected, expected[0]]);
		// Kiosks with their sites and last tickets, the head, the category phrases: three
		// statements for every kiosk of the turn (it was five per kiosk).
		expect(counted.statements()).toBe(3);
		await Promise.all([alone.close(), together.close()]);
	});

	it('checks the device tokens of one turn in one statement: known, unknown and revoked each answered right', async () => {
		const { hub, demoKiosks } = await startTestHub();
		const idOf = async (token: string) =>
			(await hub.core.db.get<{ id: number }>('SELECT id FROM kiosks WHERE token_hash = ?', [
				hashToken(token)
			]))!.id;
		const [a, b, revoked] = await Promise.all(
			demoKiosks.slice(0, 3).map(async (k) => ({ token: k.token, id: await idOf(k.token) }))
		);
		await hub.core.db.run('UPDATE kiosks SET revoked_at = ? WHERE id = ?', [
			Date.now(),
			revoked!.id
		]);
		const counted = countingDb(hub.core.db);
		const kiosks = createKioskService({ store: sqliteStore(counted.db), publicUrl: () => '' });
		const tokens = [a!.token, b!.token, 'no-such-token', revoked!.token, a!.token];
		const found = await Promise.all(tokens.map((t) => kiosks.authenticate(t)));
		expect(found.map((f) => f?.kiosk.id ?? null)).toEqual([a!.id, b!.id, null, null, a!.id]);
		const site = await hub.core.db.get<{ slug: string }>(
			'SELECT s.slug FROM sites s JOIN kiosks k ON k.site_id = s.id WHERE k.id = ?',
			[a!.id]
		);
		expect(found[0]!.site).toMatchObject({ id: found[0]!.kiosk.site_id, slug: site!.slug });
		expect(counted.statements()).toBe(1);
		await kiosks.close();
	});
});
