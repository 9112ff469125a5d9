import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { MEMBER_COOKIE, PROTOCOL_VERSION, STAFF_COOKIE } from '../../shared/protocol.ts';
import {
	closeDeskSockets,
	connectDesk,
	deskConnectError,
	deskEmit,
	newStaff,
	signIn,
	signInAdmin
} from '../helpers/desk.ts';
import { closeAll, connectKiosk, countRows, startTestHub } from '../helpers/start-hub.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeAll();
});

async function openReport(hub: Awaited<ReturnType<typeof startTestHub>>['hub']) {
	const row = await hub.core.db.get<{ id: string }>(
		"SELECT id FROM wishes WHERE kind = 'report' AND status = 'open' ORDER BY received_at LIMIT 1"
	);
	return row!.id;
}

describe('who may use the desk', () => {
	it('makes a first admin with a one-time password that must be changed, and a demo dispatcher', async () => {
		const { hub } = await startTestHub();
		const first = hub.core.firstAdmin!;
		expect(first.username).toBe('admin');
		expect(first.password).toMatch(/^[A-Za-z0-9]{16}$/);
		const admin = await signInAdmin(hub);
		expect(admin.staff).toMatchObject({ role: 'admin', mustChangePassword: true });
		const dispatcher = await signIn(hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		expect(dispatcher.staff).toMatchObject({ role: 'dispatcher', mustChangePassword: false });
		// The plain password is nowhere in the database.
		expect(await countRows(hub, 'staff', `password_hash LIKE '%${first.password}%'`)).toBe(0);
	});

	it('refuses a desk socket without a staff session cookie, or with a made-up one', async () => {
		const { hub } = await startTestHub();
		expect((await deskConnectError(hub, {})).message).toBe('unauthorized');
		const forged = await deskConnectError(hub, { cookie: `${STAFF_COOKIE}=${'x'.repeat(43)}` });
		expect(forged.message).toBe('unauthorized');
	});

	it('refuses a kiosk device token presented as a desk, in the handshake or as the cookie', async () => {
		const t = await startTestHub();
		const token = t.kiosksAt('shuanglong')[0]!.token;
		const asAuth = await deskConnectError(t.hub, {
			auth: { protocol: PROTOCOL_VERSION, role: 'desk', token }
		});
		expect(asAuth.message).toBe('unauthorized');
		const asCookie = await deskConnectError(t.hub, { cookie: `${STAFF_COOKIE}=${token}` });
		expect(asCookie.message).toBe('unauthorized');
	});

	it('refuses a signed-in member at the desk, whichever cookie name carries the token', async () => {
		const { hub } = await startTestHub();
		const member = await hub.core.members.signIn('DY001', DEMO_MEMBER_PIN);
		if (!member.ok) throw new Error('demo member could not sign in');
		for (const cookie of [`${MEMBER_COOKIE}=${member.token}`, `${STAFF_COOKIE}=${member.token}`]) {
			expect((await deskConnectError(hub, { cookie })).message).toBe('unauthorized');
		}
	});

	it('lets a kiosk socket send no desk command: nothing answers and nothing changes', async () => {
		const t = await startTestHub();
		const { socket } = await connectKiosk(t.hub, t.kiosksAt('shuanglong')[0]!.token);
		const wishId = await openReport(t.hub);
		const before = await countRows(t.hub, 'events');
		// A desk command from a kiosk socket has no handler: the ack never comes.
		await expect(
			deskEmit(socket, 'desk:dispatch', { wishId, to: { type: 'post', postId: 1 } }, 1_500)
		).rejects.toThrow(/timed out/);
		expect(await countRows(t.hub, 'events')).toBe(before);
		expect(await countRows(t.hub, 'wishes', `id = '${wishId}' AND status = 'open'`)).toBe(1);
	});

	it('keeps a dispatcher out of every admin action, while an admin may', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const dispatcher = await signIn(hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		const d = dispatcher.staff;
		const site = {
			slug: 'newsite',
			name: '新站点',
			kind: 'center',
			village: '',
			address: ''
		} as const;
		const refusals = await Promise.all([
			hub.core.fleet.overview(d),
			hub.core.fleet.createSite(d, site),
			hub.core.fleet.createKiosk(d, {
				siteSlug: 'shuanglong',
				name: '三号机',
				ticketPrefix: 'Q',
				paperMm: 58
			}),
			hub.core.fleet.revokeKiosk(d, 1),
			hub.core.fleet.createPost(d, { name: '新岗位' }),
			hub.core.fleet.setMemberActive(d, 1, false),
			hub.core.fleet.resetMemberPin(d, 1, '9999'),
			hub.core.fleet.saveSettings(d, {
				escalationHours: 1,
				autoReleaseHours: 2,
				acceptUrgentMinutes: 30,
				acceptMinutes: 240
			}),
			hub.core.fleet.audit(d),
			hub.core.staff.create(d, {
				username: 'sneaky',
				displayName: 'x',
				role: 'admin',
				password: 'long-enough-pw'
			}),
			hub.core.staff.resetPassword(d, admin.staff.id)
		]);
		for (const r of refusals) expect(r).toMatchObject({ ok: false, error: 'forbidden' });
		expect(await countRows(hub, 'sites', "slug = 'newsite'")).toBe(0);
		expect(await countRows(hub, 'staff', "username = 'sneaky'")).toBe(0);
		expect(await countRows(hub, 'kiosks', 'revoked_at IS NOT NULL')).toBe(0);
		// The same call succeeds for the admin, and is audited.
		expect((await hub.core.fleet.createSite(admin.staff, site)).ok).toBe(true);
		expect(await countRows(hub, 'audit_log', "action = 'site.create'")).toBe(1);
	});

	it('locks an account after five wrong passwords, even against the right one', async () => {
		const { hub } = await startTestHub();
		for (let i = 0; i < 5; i++) {
			const r = await hub.core.staff.signIn(DEMO_DISPATCHER.username, 'wrong password');
			expect(r).toMatchObject({ ok: false, error: 'unauthorized' });
		}
		const locked = await hub.core.staff.signIn(DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		expect(locked).toMatchObject({ ok: false, error: 'rate_limited' });
	});

	it('cuts a desk off at its next command once its session is signed out', async () => {
		const { hub } = await startTestHub();
		const me = await signIn(hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
		const desk = await connectDesk(hub, me.cookie);
		expect((await deskEmit(desk, 'desk:board', {})).ok).toBe(true);
		await hub.core.staff.signOut(me.token);
		const disconnected = new Promise<void>((resolve) => desk.once('disconnect', () => resolve()));
		expect(await deskEmit(desk, 'desk:board', {})).toMatchObject({
			ok: false,
			error: 'unauthorized'
		});
		await disconnected;
		expect((await deskConnectError(hub, { cookie: me.cookie })).message).toBe('unauthorized');
	});

	it('signs a deactivated dispatcher out everywhere at once', async () => {
		const { hub } = await startTestHub();
		const admin = await signInAdmin(hub);
		const colleague = await newStaff(hub, admin, 'dispatcher');
		const desk = await connectDesk(hub, colleague.cookie);
		expect((await hub.core.staff.setActive(admin.staff, colleague.staff.id, false)).ok).toBe(true);
		expect(await deskEmit(desk, 'desk:board', {})).toMatchObject({
			ok: false,
			error: 'unauthorized'
		});
		expect(await hub.core.staff.session(colleague.token)).toBeNull();
		expect(await countRows(hub, 'audit_log', "action = 'staff.deactivate'")).toBe(1);
	});
});
