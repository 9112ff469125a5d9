import { afterEach, describe, expect, it } from 'vitest';
import type { DeskBoard } from '../../shared/schemas/desk.ts';
import { closeDeskSockets, connectDesk, deskEmit, signInAdmin } from '../helpers/desk.ts';
import {
	closeAll,
	connectError,
	connectKiosk,
	countRows,
	startTestHub
} from '../helpers/start-hub.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { categoryById } from '../../shared/domain/categories.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeAll();
});

const kioskAuth = (token: string) => ({ protocol: PROTOCOL_VERSION, role: 'kiosk', token });

describe('kiosk enrolment and revocation', () => {
	it('enrols a new kiosk with its one-time code exactly once', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const created = await hub.core.fleet.createKiosk(admin.staff, {
			siteSlug: 'shifang',
			name: '石房村二号机',
			ticketPrefix: 'S2',
			paperMm: 80
		});
		if (!created.ok) throw new Error(created.message);
		expect(created.value.url).toMatch(/\/desk\/enrol\/[0-9a-z]{13}$/);
		// Until enrolled, nothing can connect as this kiosk.
		const first = await hub.core.fleet.redeem(created.value.code.toUpperCase());
		if (!first.ok) throw new Error(first.message);
		expect(first.value).toMatchObject({ siteSlug: 'shifang', kioskName: '石房村二号机' });
		const { hello } = await connectKiosk(hub, first.value.token);
		expect(hello).toMatchObject({ name: '石房村二号机', ticketPrefix: 'S2', paperMm: 80 });
		const again = await hub.core.fleet.redeem(created.value.code);
		expect(again).toMatchObject({ ok: false, error: 'unauthorized' });
		expect(await countRows(hub, 'audit_log', "action = 'kiosk.enrol'")).toBe(1);
	});

	it('refuses a code that was replaced by a newer one or has expired', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const created = await hub.core.fleet.createKiosk(admin.staff, {
			siteSlug: 'erju',
			name: '二居二号机',
			ticketPrefix: 'E2',
			paperMm: 58
		});
		if (!created.ok) throw new Error(created.message);
		const kioskId = created.value.kioskId;
		const fresh = await hub.core.fleet.newEnrolment(admin.staff, kioskId);
		if (!fresh.ok) throw new Error(fresh.message);
		expect(await hub.core.fleet.redeem(created.value.code)).toMatchObject({ ok: false });
		expect((await hub.core.fleet.redeem(fresh.value.code)).ok).toBe(true);
		// An expired code: issue one and move its expiry into the past.
		const late = await hub.core.fleet.newEnrolment(admin.staff, kioskId);
		if (!late.ok) throw new Error(late.message);
		await hub.core.db.run(
			'UPDATE kiosk_enrolments SET expires_at = ? WHERE kiosk_id = ? AND used_at IS NULL',
			[Date.now() - 1, kioskId]
		);
		expect(await hub.core.fleet.redeem(late.value.code)).toMatchObject({ ok: false });
	});

	it('disconnects a revoked kiosk at once and refuses it afterwards', async () => {
		const t = await startTestHub();
		const admin = await signInAdmin(t.hub);
		const demo = t.kiosksAt('shuanglong')[0]!;
		const { socket, hello } = await connectKiosk(t.hub, demo.token);
		const overview = await t.hub.core.fleet.overview(admin.staff);
		if (!overview.ok) throw new Error(overview.message);
		expect(overview.value.kiosks.find((k) => k.id === hello.kioskId)!.online).toBe(1);
		const dropped = new Promise<string>((resolve) => socket.once('disconnect', (r) => resolve(r)));
		const started = Date.now();
		expect((await t.hub.core.fleet.revokeKiosk(admin.staff, hello.kioskId)).ok).toBe(true);
		expect(await dropped).toBe('io server disconnect');
		expect(Date.now() - started).toBeLessThan(1_000);
		const refused = await connectError(t.hub, kioskAuth(demo.token));
		expect(refused.message).toBe('unauthorized');
		// The other kiosk of the same site is untouched.
		await connectKiosk(t.hub, t.kiosksAt('shuanglong')[1]!.token);
		// Re-enrolling gives it a new token; the old one stays dead.
		const code = await t.hub.core.fleet.newEnrolment(admin.staff, hello.kioskId);
		if (!code.ok) throw new Error(code.message);
		const redeemed = await t.hub.core.fleet.redeem(code.value.code);
		if (!redeemed.ok) throw new Error(redeemed.message);
		await connectKiosk(t.hub, redeemed.value.token);
		expect((await connectError(t.hub, kioskAuth(demo.token))).message).toBe('unauthorized');
	});
});

describe('members, posts and settings', () => {
	it('imports members from rows, reporting each bad row by line and adding the rest', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const member = (no: string, site: string | null) => ({
			memberNo: no,
			displayName: '新党员',
			phone: '13500000000',
			siteSlug: site,
			skills: '',
			pin: '4321'
		});
		const r = await hub.core.fleet.importMembers(admin.staff, [
			{ line: 2, member: member('DY100', 'shuanglong') },
			{ line: 3, member: member('DY001', 'shuanglong') },
			{ line: 4, member: member('DY101', 'nowhere') },
			{ line: 5, member: member('DY100', null) },
			{ line: 6, member: member('DY102', null) }
		]);
		expect(r).toEqual({
			ok: true,
			value: {
				added: 2,
				errors: [
					{ line: 3, reason: 'member_no_taken' },
					{ line: 4, reason: 'unknown_site' },
					{ line: 5, reason: 'member_no_taken' }
				]
			}
		});
		const signIn = await hub.core.members.signIn('DY102', '4321');
		expect(signIn.ok).toBe(true);
	});

	it('resets a member PIN (old phones signed out) and deactivates a member', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const before = await hub.core.members.signIn('DY002', '1234');
		if (!before.ok) throw new Error('demo member could not sign in');
		const id = (await hub.core.db.get<{ id: number }>(
			"SELECT id FROM members WHERE member_no = 'DY002'"
		))!.id;
		expect((await hub.core.fleet.resetMemberPin(admin.staff, id, '8642')).ok).toBe(true);
		expect(await hub.core.members.authenticate(before.token)).toBeNull();
		expect((await hub.core.members.signIn('DY002', '1234')).ok).toBe(false);
		expect((await hub.core.members.signIn('DY002', '8642')).ok).toBe(true);
		expect((await hub.core.fleet.setMemberActive(admin.staff, id, false)).ok).toBe(true);
		expect((await hub.core.members.signIn('DY002', '8642')).ok).toBe(false);
	});

	it('puts new category SLA hours and posts on every desk board', async () => {
		const { hub, kiosksAt } = await startTestHub();
		const admin = await signInAdmin(hub);
		expect(
			(
				await hub.core.fleet.saveCategory(admin.staff, {
					category: 'repair',
					responseHours: 12,
					urgentHours: 1,
					resolutionHours: 48,
					onsiteHours: 24,
					phrases: ['水管漏水', '门坏了']
				})
			).ok
		).toBe(true);
		expect((await hub.core.fleet.createPost(admin.staff, { name: '水务站' })).ok).toBe(true);
		expect(await hub.core.fleet.createPost(admin.staff, { name: '水务站' })).toMatchObject({
			ok: false,
			error: 'conflict'
		});
		const desk = await connectDesk(hub, admin.cookie);
		const board = await deskEmit<DeskBoard>(desk, 'desk:board', {});
		if (!board.ok) throw new Error(board.message);
		expect(board.value.policies.repair).toEqual({
			responseHours: 12,
			urgentHours: 1,
			resolutionHours: 48,
			onsiteHours: 24
		});
		expect(board.value.posts.map((p) => p.name)).toContain('水务站');
		const categories = await hub.core.fleet.categories();
		expect(categories.find((c) => c.category === 'repair')!.phrases).toEqual([
			'水管漏水',
			'门坏了'
		]);
		// Kiosks offer the admin's phrase chips (from their hello); untouched categories keep theirs.
		const { hello } = await connectKiosk(hub, kiosksAt('shuanglong')[0]!.token);
		expect(hello.phrases.repair).toEqual(['水管漏水', '门坏了']);
		expect(hello.phrases.care).toEqual([...categoryById('care').phrases]);
	});
});
