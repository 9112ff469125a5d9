/**
 * 结对帮扶 through a real hub: the desk's households and pairings (staff principal from a real
 * sign-in), the paired member's phone (session token), a village's kiosk wall listening.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER, DEMO_MEMBER_PIN } from '../../hub/demo/seed.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { WallEvent } from '../../shared/schemas/wishes.ts';
import { closeMemberHubs, startMemberHub, type MemberHub } from '../helpers/claims.ts';
import { closeDeskSockets, connectDesk, signIn } from '../helpers/desk.ts';
import { connectKiosk, countAllRows } from '../helpers/start-hub.ts';

afterEach(async () => {
	closeDeskSockets();
	await closeMemberHubs();
});

async function staff(h: MemberHub) {
	return signIn(h.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password);
}

async function member(h: MemberHub, no: string) {
	const s = await h.core.members.signIn(no, DEMO_MEMBER_PIN);
	if (!s.ok) throw new Error(`${no}: ${s.error}`);
	return s.token;
}

const HOME = {
	siteSlug: 'shuanglong',
	headName: '测试户主',
	address: '双龙村 9 组 99 号',
	phone: '13911112222',
	people: 3,
	tags: ['脱贫户' as const],
	notes: ''
};

async function pairedHousehold(h: MemberHub, memberNo = 'DY002') {
	const { staff: by } = await staff(h);
	const made = await h.core.pairing.createHousehold(by, HOME);
	if (!made.ok) throw new Error(made.message);
	const paired = await h.core.pairing.pair(by, {
		householdId: made.value.id,
		memberNo,
		aim: '种植增收',
		cadenceDays: null
	});
	if (!paired.ok) throw new Error(paired.message);
	const card = await h.core.pairing.doorCard(by, made.value.id);
	if (!card.ok) throw new Error(card.message);
	return { by, id: made.value.id, doorCode: card.value.doorCode };
}

describe('households and pairings on the desk', () => {
	it('imports good lines, reports an unknown site by line, and pairs only party members, once', async () => {
		const h = await startMemberHub();
		const { staff: by } = await staff(h);
		const before = (await h.core.store.households.listHouseholds()).length;
		const r = await h.core.pairing.importHouseholds(by, [
			{ line: 2, household: { ...HOME, headName: '甲' } },
			{ line: 3, household: { ...HOME, headName: '乙', siteSlug: 'no-such-village' } },
			{ line: 4, household: { ...HOME, headName: '丙', siteSlug: 'tieshiya' } }
		]);
		expect(r).toEqual({
			ok: true,
			value: { added: 2, errors: [{ line: 3, reason: 'unknown_site' }] }
		});
		const all = await h.core.store.households.listHouseholds();
		expect(all.length).toBe(before + 2);
		expect(all.some((x) => x.head_name === '乙')).toBe(false);

		const id = all.find((x) => x.head_name === '甲')!.id;
		// A field worker who is not a party member cannot be paired.
		expect(
			await h.core.pairing.pair(by, {
				householdId: id,
				memberNo: 'WG01',
				aim: '',
				cadenceDays: null
			})
		).toMatchObject({
			ok: false,
			error: ErrorCode.forbidden,
			message: 'not_party_member'
		});
		expect(
			(
				await h.core.pairing.pair(by, {
					householdId: id,
					memberNo: 'DY003',
					aim: '学习辅导',
					cadenceDays: 14
				})
			).ok
		).toBe(true);
		expect(
			await h.core.pairing.pair(by, {
				householdId: id,
				memberNo: 'DY004',
				aim: '',
				cadenceDays: null
			})
		).toMatchObject({
			ok: false,
			error: ErrorCode.conflict,
			message: 'already_paired'
		});
		// Ending keeps the history; then another member may take it on.
		const detail = await h.core.pairing.household(by, id);
		if (!detail.ok) throw new Error(detail.message);
		expect(
			(
				await h.core.pairing.endPairing(by, {
					pairingId: detail.value.pairing!.id,
					reason: '工作调动'
				})
			).ok
		).toBe(true);
		expect(
			(
				await h.core.pairing.pair(by, {
					householdId: id,
					memberNo: 'DY004',
					aim: '',
					cadenceDays: null
				})
			).ok
		).toBe(true);
		const after = await h.core.pairing.household(by, id);
		expect(after.ok && after.value.pairings.map((p) => [p.memberName, p.endReason])).toEqual([
			['刘红梅', null],
			['张志强', '工作调动']
		]);
		const audit = await h.core.db.all<{ action: string }>(
			"SELECT action FROM audit_log WHERE target_type = 'household' AND target_id = ?",
			[String(id)]
		);
		expect(audit.map((a) => a.action)).toEqual(['pairing.create', 'pairing.end', 'pairing.create']);
	});

	it('shows the demo township’s coverage with overdue households', async () => {
		const h = await startMemberHub();
		const { staff: by } = await staff(h);
		const c = await h.core.pairing.coverage(by);
		if (!c.ok) throw new Error(c.message);
		const total = c.value.villages.reduce((a, v) => a + v.households, 0);
		expect(total).toBe(20);
		expect(c.value.villages.reduce((a, v) => a + v.paired, 0)).toBe(17);
		expect(c.value.overdue.map((o) => o.headName)).toEqual(
			expect.arrayContaining(['张桂兰', '周婆婆'])
		);
		expect(c.value.overdue.every((o) => o.pairing !== null && o.overdue)).toBe(true);
	});
});

describe('visits from the paired member’s phone', () => {
	it('logs a visit by the door card; a need becomes a masked wish on the village’s wall, linked to the household', async () => {
		const h = await startMemberHub();
		const { id, doorCode } = await pairedHousehold(h, 'DY002');
		const token = await member(h, 'DY002');
		const desk = await connectDesk(h.hub, (await staff(h)).cookie);
		const deskHeard: unknown[] = [];
		desk.on('pairing:visit', (v: unknown) => deskHeard.push(v));
		const kiosk = h.demoKiosks.find((k) => k.site === 'shuanglong')!;
		const { socket } = await connectKiosk(h.hub, kiosk.token);
		const wall: WallEvent[] = [];
		socket.on('events:appended', (events) => wall.push(...events));

		const found = await h.core.pairing.byDoorCode(token, doorCode);
		expect(found).toMatchObject({ ok: true, value: { id, headName: '测试户主' } });
		const r = await h.core.pairing.logVisit(token, {
			householdId: id,
			byCard: true,
			kinds: ['生产指导'],
			note: '看了萝卜长势',
			photoIds: [],
			needs: [{ kind: 'wish', category: 'farming', text: '想要一些萝卜种子' }]
		});
		if (!r.ok) throw new Error(r.message);
		expect(r.value.tickets[0]).toMatch(/^JD-\d{4}$/);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const onWall = wall.find((e) => e.wish.id === r.value.wishIds[0]);
		expect(onWall?.wish).toMatchObject({
			text: '想要一些萝卜种子',
			maskedName: '测**',
			kind: 'wish'
		});
		const shown = JSON.stringify(wall);
		for (const secret of ['测试户主', '双龙村 9 组 99 号', '13911112222'])
			expect(shown).not.toContain(secret);
		expect(deskHeard).toEqual([{ householdId: id, siteSlug: 'shuanglong' }]);

		const detail = await h.core.pairing.householdForMember(token, id);
		if (!detail.ok) throw new Error(detail.message);
		expect(detail.value.visits[0]).toMatchObject({
			byCard: true,
			kinds: ['生产指导'],
			wishIds: r.value.wishIds
		});
		expect(detail.value.wishes.map((w) => w.id)).toEqual(r.value.wishIds);
		expect(
			(await h.core.pairing.myHouseholds(token))!.households.find((x) => x.id === id)
		).toMatchObject({
			due: false,
			overdue: false
		});
	});

	it('refuses a stranger, another member and an unknown household, writing nothing and revealing nothing', async () => {
		const h = await startMemberHub();
		const { id, doorCode } = await pairedHousehold(h, 'DY002');
		const other = await member(h, 'DY003');
		const visit = {
			householdId: id,
			byCard: false,
			kinds: ['生活照料' as const],
			note: '',
			photoIds: [],
			needs: []
		};
		const before = await countAllRows(h.hub);
		expect(await h.core.pairing.byDoorCode(null, doorCode)).toMatchObject({
			ok: false,
			error: ErrorCode.unauthorized
		});
		const refused = await h.core.pairing.byDoorCode(other, doorCode);
		expect(refused).toMatchObject({ ok: false, error: ErrorCode.notYours });
		expect(JSON.stringify(refused)).not.toContain('测试户主');
		expect(await h.core.pairing.logVisit(other, visit)).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
		expect(await h.core.pairing.householdForMember(other, id)).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
		expect(await h.core.pairing.logVisit(other, { ...visit, householdId: 99999 })).toMatchObject({
			ok: false,
			error: ErrorCode.notFound
		});
		expect(
			await h.core.pairing.storeVisitPhoto(other, id, new Uint8Array([0xff, 0xd8, 0xff, 0]))
		).toMatchObject({
			ok: false,
			error: ErrorCode.notYours
		});
		expect(await countAllRows(h.hub)).toEqual(before);
	});

	it('takes a photo only from the paired member, by its bytes and size, and shows it to staff', async () => {
		const h = await startMemberHub();
		const { id } = await pairedHousehold(h, 'DY002');
		const token = await member(h, 'DY002');
		const base = `http://127.0.0.1:${h.hub.port}/api/photos`;
		const post = (body: Uint8Array, cookie: string) =>
			fetch(`${base}?h=${id}`, { method: 'POST', body: Buffer.from(body), headers: { cookie } });
		const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(1)]);
		const cookie = `ww_member=${token}`;
		expect((await post(new TextEncoder().encode('not an image'), cookie)).status).toBe(415);
		expect((await post(new Uint8Array(5 * 1024 * 1024 + 1), cookie)).status).toBe(413);
		const ok = await post(jpeg, cookie);
		expect(ok.status).toBe(201);
		const { id: photoId } = (await ok.json()) as { id: string };
		// Nobody but the member who took it and staff may see it.
		expect((await fetch(`${base}/${photoId}`)).status).toBe(404);
		expect((await fetch(`${base}/${photoId}`, { headers: { cookie } })).status).toBe(200);
		const desk = await staff(h);
		expect((await fetch(`${base}/${photoId}`, { headers: { cookie: desk.cookie } })).status).toBe(
			200
		);
		const r = await h.core.pairing.logVisit(token, {
			householdId: id,
			byCard: false,
			kinds: ['其他'],
			note: '拍了照',
			photoIds: [photoId],
			needs: []
		});
		expect(r.ok).toBe(true);
		// A photo goes with one visit only.
		expect(
			await h.core.pairing.logVisit(token, {
				householdId: id,
				byCard: false,
				kinds: ['其他'],
				note: '',
				photoIds: [photoId],
				needs: []
			})
		).toMatchObject({ ok: false, error: ErrorCode.notFound });
		// A photo no visit took is swept once old; the one a visit took stays.
		const stray = (await (await post(jpeg, cookie)).json()) as { id: string };
		h.clock.advance(8 * 86400_000);
		expect(await h.core.sweepOrphans()).toEqual({ clips: 0, photos: 1 });
		expect((await fetch(`${base}/${stray.id}`, { headers: { cookie } })).status).toBe(404);
		expect((await fetch(`${base}/${photoId}`, { headers: { cookie } })).status).toBe(200);
	});
});
