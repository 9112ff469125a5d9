import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import type {
	DeskItem,
	DeskItemDetail,
	DeskBoard,
	DeskDuplicate
} from '../../shared/schemas/desk.ts';
import {
	closeDeskSockets,
	connectDesk,
	deskEmit,
	newStaff,
	recordDeskEvents,
	signIn,
	signInAdmin,
	type SignedIn
} from '../helpers/desk.ts';
import {
	closeAll,
	connectKiosk,
	countRows,
	makeWish,
	recordEvents,
	SECRET_PHONE,
	startTestHub,
	submit,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeAll();
});

async function kioskReport(t: TestHub, counter: number, text: string) {
	const kiosk = t.kiosksAt('shuanglong')[0]!;
	const { socket } = await connectKiosk(t.hub, kiosk.token);
	const wish = makeWish('A', 1000 + counter, { kind: 'report', category: 'sanitation', text });
	const r = await submit(socket, wish);
	if (!r.ok) throw new Error(r.message);
	socket.disconnect();
	return wish;
}

async function postId(t: TestHub, name: string): Promise<number> {
	return (await t.hub.core.db.get<{ id: number }>('SELECT id FROM posts WHERE name = ?', [name]))!
		.id;
}

async function dispatcher(t: TestHub): Promise<SignedIn> {
	return signIn(t.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
}

describe('dispatching against each other', () => {
	it('gives a dispatch to exactly one of two dispatchers pressing at once; the other is told, 10 times over', async () => {
		const t = await startTestHub();
		const admin = await signInAdmin(t.hub);
		const [a, b] = [await dispatcher(t), await newStaff(t.hub, admin, 'dispatcher')];
		const deskA = await connectDesk(t.hub, a.cookie);
		const deskB = await connectDesk(t.hub, b.cookie);
		const grid = await postId(t, '网格员·双龙村');
		const city = await postId(t, '城市管理岗');
		for (let round = 0; round < 10; round++) {
			const wish = await kioskReport(t, 100 + round, `水沟堵了，第 ${round} 次`);
			const [ra, rb] = await Promise.all([
				deskEmit<DeskItem>(deskA, 'desk:dispatch', {
					wishId: wish.id,
					to: { type: 'post', postId: grid }
				}),
				deskEmit<DeskItem>(deskB, 'desk:dispatch', {
					wishId: wish.id,
					to: { type: 'post', postId: city }
				})
			]);
			const wins = [ra, rb].filter((r) => r.ok);
			const losses = [ra, rb].filter((r) => !r.ok);
			expect(wins).toHaveLength(1);
			expect(losses[0]).toMatchObject({ ok: false, error: 'forbidden_transition' });
			expect(
				await countRows(t.hub, 'events', `wish_id = '${wish.id}' AND type = 'wish:dispatched'`)
			).toBe(1);
			// The loser's screen asks for the item and can say who took it, and where it went.
			const loser = ra.ok ? deskB : deskA;
			const winnerName = ra.ok ? a.staff.displayName : b.staff.displayName;
			const detail = await deskEmit<DeskItemDetail>(loser, 'desk:item', { wishId: wish.id });
			if (!detail.ok) throw new Error(detail.message);
			expect(detail.value.item.status).toBe('dispatched');
			expect(detail.value.item.lastEvent).toMatchObject({
				type: 'wish:dispatched',
				actor: winnerName
			});
			expect(detail.value.item.postName).toBe(ra.ok ? '网格员·双龙村' : '城市管理岗');
		}
		expect(await countRows(t.hub, 'audit_log', "action = 'wish.dispatch'")).toBe(10);
	});
});

describe('the live queue', () => {
	it('shows a new kiosk report on every desk within a second, with the resident contact walls never get', async () => {
		const t = await startTestHub();
		const me = await dispatcher(t);
		const desk = await connectDesk(t.hub, me.cookie);
		const deskEvents = recordDeskEvents(desk);
		const wall = await connectKiosk(t.hub, t.kiosksAt('shuanglong')[1]!.token);
		const wallEvents = recordEvents(wall.socket);
		const started = Date.now();
		const wish = await kioskReport(t, 7, '村口路灯不亮了');
		const seen = await deskEvents.waitFor((e) => e.item.id === wish.id);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(seen).toMatchObject({
			type: 'wish:submitted',
			item: { status: 'open', contactPhone: SECRET_PHONE, kind: 'report', channel: 'kiosk' }
		});
		await wallEvents.waitForCount(1);
		expect(JSON.stringify(wallEvents.events)).not.toContain(SECRET_PHONE);
		// The board lists it among unfinished items, with the SLA hours the page needs.
		const board = await deskEmit<DeskBoard>(desk, 'desk:board', {});
		if (!board.ok) throw new Error(board.message);
		expect(board.value.items.some((i) => i.id === wish.id)).toBe(true);
		expect(board.value.policies.sanitation).toEqual({
			responseHours: 24,
			urgentHours: 2,
			resolutionHours: 168,
			onsiteHours: 24
		});
	});
});

describe('dispatcher actions', () => {
	it('triages, dispatches, notes and resolves on behalf of a post, each one event, one audit row and live', async () => {
		const t = await startTestHub();
		const me = await dispatcher(t);
		const desk = await connectDesk(t.hub, me.cookie);
		const live = recordDeskEvents(desk);
		const wish = await kioskReport(t, 8, '垃圾三天没人清运');
		const steps: [string, unknown, string][] = [
			['desk:triage', { wishId: wish.id, category: 'lights', urgent: true }, 'wish:triaged'],
			[
				'desk:dispatch',
				{ wishId: wish.id, to: { type: 'post', postId: await postId(t, '城市管理岗') } },
				'wish:dispatched'
			],
			['desk:note', { wishId: wish.id, text: '已电话联系城管，下午处理' }, 'wish:noted'],
			['desk:resolve', { wishId: wish.id, note: '城管已清运完毕' }, 'wish:resolved']
		];
		for (const [event, payload, type] of steps) {
			const r = await deskEmit<DeskItem>(desk, event, payload);
			expect(r.ok, `${event}: ${JSON.stringify(r)}`).toBe(true);
			await live.waitFor((e) => e.item.id === wish.id && e.type === type);
		}
		const detail = await deskEmit<DeskItemDetail>(desk, 'desk:item', { wishId: wish.id });
		if (!detail.ok) throw new Error(detail.message);
		const { item, timeline } = detail.value;
		expect(item).toMatchObject({ status: 'resolved', category: 'lights', urgent: true });
		expect(item.respondedAt).not.toBeNull();
		expect(item.resolvedAt).not.toBeNull();
		expect(timeline.map((e) => e.type)).toEqual([
			'wish:submitted',
			'wish:triaged',
			'wish:dispatched',
			'wish:noted',
			'wish:resolved'
		]);
		expect(timeline.find((e) => e.type === 'wish:noted')).toMatchObject({
			actor: me.staff.displayName,
			data: { note: '已电话联系城管，下午处理' }
		});
		const audits = await t.hub.core.db.all<{
			action: string;
			before_json: string;
			after_json: string;
		}>('SELECT action, before_json, after_json FROM audit_log WHERE target_id = ? ORDER BY id', [
			wish.id
		]);
		expect(audits.map((a) => a.action)).toEqual([
			'wish.triage',
			'wish.dispatch',
			'wish.note',
			'wish.resolve'
		]);
		expect(JSON.parse(audits[0]!.before_json)).toMatchObject({
			category: 'sanitation',
			urgent: false
		});
		expect(JSON.parse(audits[0]!.after_json)).toMatchObject({ category: 'lights', urgent: true });
	});

	it('refuses bad input and impossible actions with a reason and changes nothing', async () => {
		const t = await startTestHub();
		const desk = await connectDesk(t.hub, (await dispatcher(t)).cookie);
		const wish = await kioskReport(t, 9, '井盖坏了');
		const events = await countRows(t.hub, 'events');
		const audits = await countRows(t.hub, 'audit_log');
		expect(await deskEmit(desk, 'desk:reject', { wishId: wish.id, reason: ' ' })).toMatchObject({
			ok: false,
			error: 'invalid_payload'
		});
		expect(
			await deskEmit(desk, 'desk:dispatch', { wishId: wish.id, to: { type: 'post', postId: 9999 } })
		).toMatchObject({ ok: false, error: 'not_found' });
		expect(
			await deskEmit(desk, 'desk:resolve', { wishId: wish.id, note: '直接办结' })
		).toMatchObject({ ok: false, error: 'forbidden_transition' });
		expect(await deskEmit(desk, 'desk:merge', { wishId: wish.id, intoId: wish.id })).toMatchObject({
			ok: false,
			error: 'invalid_payload'
		});
		expect(
			await deskEmit(desk, 'desk:note', { wishId: wish.id, text: 'x'.repeat(501) })
		).toMatchObject({ ok: false, error: 'invalid_payload' });
		expect(await countRows(t.hub, 'events')).toBe(events);
		expect(await countRows(t.hub, 'audit_log')).toBe(audits);
	});

	it('rejects with a reason the resident reads on the track page', async () => {
		const t = await startTestHub();
		const desk = await connectDesk(t.hub, (await dispatcher(t)).cookie);
		const wish = await kioskReport(t, 10, '测试内容');
		const r = await deskEmit<DeskItem>(desk, 'desk:reject', {
			wishId: wish.id,
			reason: '内容不清楚，请到窗口说明'
		});
		expect(r).toMatchObject({ ok: true, value: { status: 'rejected' } });
		const view = await t.hub.core.tracking.view(wish.trackCode);
		expect(view).toMatchObject({ status: 'rejected', rejectReason: '内容不清楚，请到窗口说明' });
	});

	it('suggests the same-site, same-category duplicate with similar text first, and merging moves the resident’s ticket to it', async () => {
		const t = await startTestHub();
		const desk = await connectDesk(t.hub, (await dispatcher(t)).cookie);
		const survivor = await kioskReport(t, 11, '田间水渠堵了，一下雨就淹庄稼');
		const other = await kioskReport(t, 12, '广场垃圾桶满了');
		const duplicate = await kioskReport(t, 13, '田间的水渠又堵了，下雨就淹');
		const dups = await deskEmit<DeskDuplicate[]>(desk, 'desk:duplicates', { wishId: duplicate.id });
		if (!dups.ok) throw new Error(dups.message);
		expect(dups.value[0]!.item.id).toBe(survivor.id);
		expect(dups.value[0]!.similarity).toBeGreaterThan(
			dups.value.find((d) => d.item.id === other.id)!.similarity
		);
		const merged = await deskEmit<DeskItem>(desk, 'desk:merge', {
			wishId: duplicate.id,
			intoId: survivor.id
		});
		expect(merged).toMatchObject({
			ok: true,
			value: { status: 'merged', mergedInto: survivor.id }
		});
		const detail = await deskEmit<DeskItemDetail>(desk, 'desk:item', { wishId: survivor.id });
		if (!detail.ok) throw new Error(detail.message);
		expect(detail.value.mergedFrom.map((m) => m.ticketNo)).toEqual([duplicate.ticketNo]);
		// The duplicate's resident follows the surviving item: dispatching it shows on their track page.
		await deskEmit(desk, 'desk:dispatch', {
			wishId: survivor.id,
			to: { type: 'post', postId: await postId(t, '网格员·双龙村') }
		});
		const view = await t.hub.core.tracking.view(duplicate.trackCode);
		expect(view).toMatchObject({ status: 'dispatched', helperName: '网格员·双龙村' });
		// A merged item cannot be merged into.
		expect(
			await deskEmit(desk, 'desk:merge', { wishId: other.id, intoId: duplicate.id })
		).toMatchObject({ ok: false, error: 'forbidden_transition' });
	});

	it('takes a walk-in or phone caller’s wish at the desk with its own ticket, channel and audit', async () => {
		const t = await startTestHub();
		const me = await dispatcher(t);
		const desk = await connectDesk(t.hub, me.cookie);
		const wall = await connectKiosk(t.hub, t.kiosksAt('tieshiya')[0]!.token);
		const wallEvents = recordEvents(wall.socket);
		const r = await deskEmit<DeskItem>(desk, 'desk:submit', {
			siteSlug: 'tieshiya',
			kind: 'report',
			category: 'repair',
			urgent: true,
			text: '电话反映：桥头护栏断了',
			contactName: '冉大哥',
			contactPhone: '13900009999',
			via: 'phone'
		});
		if (!r.ok) throw new Error(r.message);
		expect(r.value).toMatchObject({
			channel: 'desk',
			ticketNo: 'DK-0001',
			urgent: true,
			siteSlug: 'tieshiya',
			contactPhone: '13900009999'
		});
		const submitted = await t.hub.core.db.get<{ data: string; actor: string }>(
			"SELECT data, actor FROM events WHERE wish_id = ? AND type = 'wish:submitted'",
			[r.value.id]
		);
		expect(JSON.parse(submitted!.data)).toEqual({ channel: 'desk', via: 'phone' });
		expect(submitted!.actor).toBe(`staff:${me.staff.id}`);
		expect(await countRows(t.hub, 'audit_log', "action = 'wish.submit_on_behalf'")).toBe(1);
		await wallEvents.waitForCount(1);
		expect(wallEvents.events[0]!.wish.ticketNo).toBe('DK-0001');
		const second = await deskEmit<DeskItem>(desk, 'desk:submit', {
			siteSlug: 'tieshiya',
			kind: 'wish',
			category: 'care',
			urgent: false,
			text: '窗口来访：想请人帮忙买菜',
			contactName: '',
			contactPhone: '',
			via: 'walk_in'
		});
		expect(second).toMatchObject({ ok: true, value: { ticketNo: 'DK-0002', urgent: false } });
	});
});
