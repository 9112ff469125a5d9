/**
 * The field chain (赶快办) through a real hub: a kiosk report, the desk's dispatches over its
 * socket, workers' phones signed in with their PINs and listening on their posts' rooms.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { MEMBER_COOKIE, PROTOCOL_VERSION, type FieldChange } from '../../shared/protocol.ts';
import type { DeskItem } from '../../shared/schemas/desk.ts';
import type { FieldItem } from '../../shared/schemas/field.ts';
import {
	clock,
	closeMemberHubs,
	kioskAt,
	PIN,
	startMemberHub,
	wishEvents,
	type MemberHub
} from '../helpers/claims.ts';
import { closeDeskSockets, connectDesk, deskEmit, signIn } from '../helpers/desk.ts';
import { countAllRows } from '../helpers/start-hub.ts';

void clock;

const phones = new Set<Socket>();

afterEach(async () => {
	for (const s of phones) s.disconnect();
	phones.clear();
	closeDeskSockets();
	await closeMemberHubs();
});

async function worker(h: MemberHub, no: string, pin = DEMO_MEMBER_PIN) {
	const s = await h.core.members.signIn(no, pin);
	if (!s.ok) throw new Error(`${no} could not sign in: ${s.error}`);
	return { token: s.token, member: s.member };
}

async function postId(h: MemberHub, name: string): Promise<number> {
	return (await h.core.db.get<{ id: number }>('SELECT id FROM posts WHERE name = ?', [name]))!.id;
}

/** A field phone's socket: the session cookie, role field; records field:changed. */
function fieldPhone(h: MemberHub, token: string) {
	const socket = io(`http://127.0.0.1:${h.hub.port}`, {
		auth: { role: 'field', protocol: PROTOCOL_VERSION },
		transports: ['websocket'],
		extraHeaders: { cookie: `${MEMBER_COOKIE}=${token}` },
		forceNew: true,
		reconnection: false
	});
	phones.add(socket);
	const heard: FieldChange[] = [];
	socket.on('field:changed', (c: FieldChange) => heard.push(c));
	const connected = new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return { socket, heard, connected };
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

async function desk(h: MemberHub) {
	const s = await signIn(h.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
	return connectDesk(h.hub, s.cookie);
}

async function report(h: MemberHub, urgent = false) {
	const kiosk = await kioskAt(h, 'shuanglong');
	const { sent } = await kiosk.submit({
		kind: 'report',
		category: 'lights',
		text: '村口路灯不亮了',
		contactName: '郭大爷',
		contactPhone: '13812345678'
	});
	kiosk.socket.disconnect();
	if (urgent) {
		const d = await desk(h);
		await deskEmit(d, 'desk:triage', { wishId: sent.id, category: 'lights', urgent: true });
	}
	return sent;
}

async function itemOf(h: MemberHub, token: string, wishId: string): Promise<FieldItem | undefined> {
	return (await h.core.field.inbox(token))?.items.find((i) => i.wishId === wishId);
}

describe('the field chain', () => {
	it('goes kiosk → grid worker on site → findings → crew → fixed, and the resident reads each hop', async () => {
		const h = await startMemberHub();
		const wish = await report(h);
		const d = await desk(h);
		const grid = await worker(h, 'WG01');
		const phone = fieldPhone(h, grid.token);
		await phone.connected;

		const sent = await deskEmit<DeskItem>(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '网格员·双龙村') },
			step: 'check',
			note: '请先去看看'
		});
		expect(sent).toMatchObject({ ok: true, value: { hop: { step: 'check', acceptedAt: null } } });
		await until(() => phone.heard.some((c) => c.wishId === wish.id));

		const fresh = await itemOf(h, grid.token, wish.id);
		expect(fresh).toMatchObject({ state: 'new', step: 'check', deskNote: '请先去看看' });
		// The resident's contact only after accepting.
		expect(fresh!.contact).toBeNull();

		expect(
			await h.core.field.accept(grid.token, { wishId: wish.id, seq: fresh!.seq })
		).toMatchObject({ ok: true });
		const mine = (await itemOf(h, grid.token, wish.id))!;
		expect(mine).toMatchObject({ state: 'mine', contact: { phone: '13812345678' } });

		h.clock.advance(40 * 60_000);
		const arrived = await h.core.field.arrive(grid.token, {
			wishId: wish.id,
			seq: mine.seq,
			location: { lat: 30.1, lng: 107.2, accuracyM: 12 }
		});
		expect(arrived.ok).toBe(true);
		const onSite = (await itemOf(h, grid.token, wish.id))!;
		expect(onSite.arrivedAt).toBe(h.clock.now());

		const back = await h.core.field.reportBack(grid.token, {
			wishId: wish.id,
			seq: onSite.seq,
			note: '灯杆线路老化，需要城管维修'
		});
		expect(back.ok).toBe(true);
		expect(await itemOf(h, grid.token, wish.id)).toBeUndefined();
		const onDesk = await h.core.store.deskItems.deskItemById(wish.id);
		expect(onDesk).toMatchObject({
			status: 'open',
			hop: null,
			lastEvent: { type: 'wish:reported' }
		});
		// A desk note afterwards does not hide that it came back from the field with findings.
		await deskEmit(d, 'desk:note', { wishId: wish.id, text: '研判：派城管' });
		expect(await h.core.store.deskItems.deskItemById(wish.id)).toMatchObject({
			lastEvent: { type: 'wish:noted' },
			backFromField: 'findings'
		});

		const crewA = await worker(h, 'CG01');
		const crewB = await worker(h, 'CG02');
		const crewPhone = fieldPhone(h, crewB.token);
		await crewPhone.connected;
		h.clock.advance(20 * 60_000);
		await deskEmit(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '城市管理岗') },
			step: 'work'
		});
		await until(() => crewPhone.heard.some((c) => c.type === 'wish:dispatched'));
		// The grid worker no longer sees it; both of the crew do.
		expect(await itemOf(h, grid.token, wish.id)).toBeUndefined();
		const forA = (await itemOf(h, crewA.token, wish.id))!;
		const forB = (await itemOf(h, crewB.token, wish.id))!;
		expect([forA.state, forB.state]).toEqual(['new', 'new']);

		h.clock.advance(10 * 60_000);
		expect((await h.core.field.accept(crewB.token, { wishId: wish.id, seq: forB.seq })).ok).toBe(
			true
		);
		// The other worker of the post is told who has it.
		expect(
			await h.core.field.accept(crewA.token, { wishId: wish.id, seq: forA.seq })
		).toMatchObject({
			ok: false,
			error: ErrorCode.alreadyClaimed,
			message: '向师傅'
		});
		expect(await itemOf(h, crewA.token, wish.id)).toBeUndefined();

		let held = (await itemOf(h, crewB.token, wish.id))!;
		h.clock.advance(60 * 60_000);
		expect(
			(await h.core.field.start(crewB.token, { wishId: wish.id, seq: held.seq, note: '' })).ok
		).toBe(true);
		held = (await itemOf(h, crewB.token, wish.id))!;
		h.clock.advance(3 * 60 * 60_000);
		const fixedAt = h.clock.now();
		expect(
			(
				await h.core.field.fixed(crewB.token, {
					wishId: wish.id,
					seq: held.seq,
					note: '换了线路，灯亮了'
				})
			).ok
		).toBe(true);
		expect(await itemOf(h, crewB.token, wish.id)).toMatchObject({ state: 'done', contact: null });

		const track = await h.core.tracking.view(wish.trackCode);
		expect(track!.status).toBe('resolved');
		expect(track!.chain!.map((s) => [s.step, s.at !== null, s.skipped, s.post, s.worker])).toEqual([
			['received', true, false, null, null],
			['onsite', true, false, '网格员·双龙村', '何师傅'],
			['dispatched', true, false, '城市管理岗', null],
			['working', true, false, '城市管理岗', '向师傅'],
			['fixed', true, false, null, null]
		]);
		expect(track!.chain![4]!.at).toBe(fixedAt);
		// Never a worker's phone or full name on the resident's page.
		const shown = JSON.stringify(track);
		expect(shown).not.toContain('15900000');
		expect(shown).not.toContain('向东');
		expect(shown).not.toContain('何光明');

		// The location stays with the item for staff: in the desk's history, not the resident's.
		const types = (await wishEvents(h.core, wish.id)).map((e) => e.type);
		expect(types).toEqual([
			'wish:submitted',
			'wish:dispatched',
			'wish:accepted',
			'wish:arrived',
			'wish:reported',
			'wish:noted',
			'wish:dispatched',
			'wish:accepted',
			'wish:started',
			'wish:resolved'
		]);
		expect(shown).not.toContain('107.2');
		const detail = await h.core.store.deskItems.timeline(wish.id);
		expect(JSON.stringify(detail)).toContain('107.2');
	});

	it('shows a report fixed on the spot without a crew as skipped, not ticked', async () => {
		const h = await startMemberHub();
		const wish = await report(h);
		const d = await desk(h);
		const grid = await worker(h, 'WG01');
		await deskEmit(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '网格员·双龙村') },
			step: 'check'
		});
		let item = (await itemOf(h, grid.token, wish.id))!;
		await h.core.field.accept(grid.token, { wishId: wish.id, seq: item.seq });
		item = (await itemOf(h, grid.token, wish.id))!;
		await h.core.field.arrive(grid.token, {
			wishId: wish.id,
			seq: item.seq,
			locationNote: '未允许定位'
		});
		item = (await itemOf(h, grid.token, wish.id))!;
		expect(
			(await h.core.field.fixed(grid.token, { wishId: wish.id, seq: item.seq, note: '换了灯泡' }))
				.ok
		).toBe(true);
		const chain = (await h.core.tracking.view(wish.trackCode))!.chain!;
		expect(chain.map((s) => [s.step, s.at !== null, s.skipped])).toEqual([
			['received', true, false],
			['onsite', true, false],
			['dispatched', false, true],
			['working', false, true],
			['fixed', true, false]
		]);
	});

	it('gives an item to exactly one of 50 workers of a post pressing 接单 at once', async () => {
		const h = await startMemberHub();
		const admin = await h.core.staff.ensureFirstAdmin('admin-password-123');
		void admin;
		const post = await postId(h, '维修队');
		const crew = await Promise.all(
			Array.from({ length: 50 }, async (_, i) => {
				const no = `WX${String(i + 10).padStart(3, '0')}`;
				const made = await h.core.members.create({
					memberNo: no,
					displayName: `维修工${i}`,
					phone: '15900009999',
					siteSlug: null,
					skills: '',
					pin: PIN
				});
				if (!made.ok) throw new Error(made.message);
				await h.core.store.members.setWorkerPosts(made.value.id, [post]);
				return worker(h, no, PIN);
			})
		);
		const wish = await report(h);
		const d = await desk(h);
		await deskEmit(d, 'desk:dispatch', { wishId: wish.id, to: { type: 'post', postId: post } });
		const seq = (await itemOf(h, crew[0]!.token, wish.id))!.seq;
		const results = await Promise.all(
			crew.map((w) => h.core.field.accept(w.token, { wishId: wish.id, seq }))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const losers = results.filter((r) => !r.ok);
		expect(losers).toHaveLength(49);
		for (const l of losers) expect(l).toMatchObject({ error: ErrorCode.alreadyClaimed });
		const accepted = (await wishEvents(h.core, wish.id)).filter((e) => e.type === 'wish:accepted');
		expect(accepted).toHaveLength(1);
	});

	it('refuses another post’s item, a taken item, a stale view and a finished item, writing nothing', async () => {
		const h = await startMemberHub();
		const wish = await report(h);
		const d = await desk(h);
		const grid = await worker(h, 'WG01');
		const otherVillage = await worker(h, 'WG02');
		const crewA = await worker(h, 'CG01');
		const crewB = await worker(h, 'CG02');
		await deskEmit(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '城市管理岗') }
		});
		const seq = (await itemOf(h, crewA.token, wish.id))!.seq;
		// Another post's worker does not even see it, and cannot act on it.
		expect(await itemOf(h, grid.token, wish.id)).toBeUndefined();
		let before = await countAllRows(h.hub);
		expect(await h.core.field.accept(otherVillage.token, { wishId: wish.id, seq })).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
		// Steps before accepting are refused too.
		expect(await h.core.field.arrive(crewA.token, { wishId: wish.id, seq })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});
		// A stale view: the item changed since the phone read it.
		expect(await h.core.field.accept(crewA.token, { wishId: wish.id, seq: seq - 1 })).toMatchObject(
			{
				ok: false,
				error: ErrorCode.stale
			}
		);
		// No session at all.
		expect(await h.core.field.accept('not-a-token', { wishId: wish.id, seq })).toMatchObject({
			ok: false,
			error: ErrorCode.unauthorized
		});
		expect(await countAllRows(h.hub)).toEqual(before);

		expect((await h.core.field.accept(crewA.token, { wishId: wish.id, seq })).ok).toBe(true);
		before = await countAllRows(h.hub);
		expect(await h.core.field.accept(crewB.token, { wishId: wish.id, seq })).toMatchObject({
			ok: false,
			error: ErrorCode.alreadyClaimed
		});
		const mine = (await itemOf(h, crewA.token, wish.id))!;
		expect(
			await h.core.field.fixed(crewB.token, { wishId: wish.id, seq: mine.seq, note: '修好' })
		).toMatchObject({
			ok: false,
			error: ErrorCode.alreadyClaimed
		});
		expect(await countAllRows(h.hub)).toEqual(before);

		expect(
			(await h.core.field.fixed(crewA.token, { wishId: wish.id, seq: mine.seq, note: '修好了' })).ok
		).toBe(true);
		before = await countAllRows(h.hub);
		const done = (await itemOf(h, crewA.token, wish.id))!;
		expect(
			await h.core.field.handBack(crewA.token, {
				wishId: wish.id,
				seq: done.seq,
				reason: '不归我们'
			})
		).toMatchObject({ ok: false, error: ErrorCode.forbiddenTransition });
		expect(await countAllRows(h.hub)).toEqual(before);
	});

	it('keeps a worker who is not a party member from claiming micro-wishes, with one sign-in for both roles', async () => {
		const h = await startMemberHub();
		const kiosk = await kioskAt(h, 'shuanglong');
		const { sent } = await kiosk.submit({
			kind: 'wish',
			category: 'care',
			text: '想请人陪我去医院'
		});
		const grid = await worker(h, 'WG01');
		expect(grid.member).toMatchObject({ party: false, posts: [{ name: '网格员·双龙村' }] });
		expect(await h.core.claims.claim(grid.token, sent.claimCode)).toMatchObject({
			ok: false,
			error: ErrorCode.forbidden
		});
		// DY005 is a party member and in 维修队: one sign-in, both roles.
		const both = await worker(h, 'DY005');
		expect(both.member).toMatchObject({ party: true, posts: [{ name: '维修队' }] });
		expect((await h.core.claims.claim(both.token, sent.claimCode)).ok).toBe(true);
		expect(await h.core.field.inbox(both.token)).toMatchObject({
			worker: { party: true, posts: ['维修队'] }
		});
	});

	it('alerts the desk once when nobody of the post accepts an urgent item within 30 minutes', async () => {
		const h = await startMemberHub();
		const wish = await report(h, true);
		const d = await desk(h);
		await deskEmit(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '城市管理岗') }
		});
		h.clock.advance(29 * 60_000);
		expect(await h.core.field.alertUnaccepted()).toBe(0);
		h.clock.advance(2 * 60_000);
		expect(await h.core.field.alertUnaccepted()).toBe(1);
		expect(await h.core.field.alertUnaccepted()).toBe(0);
		const alerts = await h.core.store.alerts.openAlerts();
		expect(
			alerts.filter((a) => a.kind === 'hop_not_accepted' && a.wish_id === wish.id)
		).toHaveLength(1);
	});

	it('lets the desk take back a hop nobody accepted and send it elsewhere; the post hears of it', async () => {
		const h = await startMemberHub();
		const wish = await report(h);
		const d = await desk(h);
		const crew = await worker(h, 'CG01');
		const phone = fieldPhone(h, crew.token);
		await phone.connected;
		await deskEmit(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '城市管理岗') }
		});
		expect(await itemOf(h, crew.token, wish.id)).toBeDefined();
		const back = await deskEmit<DeskItem>(d, 'desk:recall', {
			wishId: wish.id,
			reason: '派错了岗位'
		});
		expect(back).toMatchObject({ ok: true, value: { status: 'open', hop: null, postId: null } });
		await until(() => phone.heard.some((c) => c.wishId === wish.id && c.type === 'wish:released'));
		expect(await itemOf(h, crew.token, wish.id)).toBeUndefined();
		const again = await deskEmit<DeskItem>(d, 'desk:dispatch', {
			wishId: wish.id,
			to: { type: 'post', postId: await postId(h, '维修队') }
		});
		expect(again).toMatchObject({ ok: true, value: { postName: '维修队', hop: { step: 'work' } } });
		// A recall needs a reason, and an item nobody holds cannot be recalled: nothing written.
		const open = await report(h);
		const before = await countAllRows(h.hub);
		expect(await deskEmit(d, 'desk:recall', { wishId: wish.id, reason: '' })).toMatchObject({
			ok: false,
			error: ErrorCode.invalidPayload
		});
		expect(await deskEmit(d, 'desk:recall', { wishId: open.id, reason: '试试' })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});
		expect(await countAllRows(h.hub)).toEqual(before);
	});

	it('locks a field worker after five wrong PINs, like a member, and lets nobody in meanwhile', async () => {
		const h = await startMemberHub();
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await h.core.members.signIn('WX01', '0000'));
		expect(results.slice(0, 4).map((r) => !r.ok && 'attemptsLeft' in r && r.attemptsLeft)).toEqual([
			4, 3, 2, 1
		]);
		expect(results[4]).toMatchObject({ ok: false, error: ErrorCode.locked });
		// Locked: even the right PIN is refused, and no session is written.
		const sessions = (await countAllRows(h.hub)).member_sessions;
		expect(await h.core.members.signIn('WX01', DEMO_MEMBER_PIN)).toMatchObject({
			ok: false,
			error: ErrorCode.locked
		});
		expect((await countAllRows(h.hub)).member_sessions).toBe(sessions);
		h.clock.advance(16 * 60_000);
		expect((await h.core.members.signIn('WX01', DEMO_MEMBER_PIN)).ok).toBe(true);
	});

	it('refuses a phone socket without a field session, and one whose account has no post', async () => {
		const h = await startMemberHub();
		const nobody = fieldPhone(h, 'bogus');
		await expect(nobody.connected).rejects.toMatchObject({ message: ErrorCode.unauthorized });
		const member = await worker(h, 'DY001');
		const notWorker = fieldPhone(h, member.token);
		await expect(notWorker.connected).rejects.toMatchObject({ message: ErrorCode.forbidden });
	});
});
