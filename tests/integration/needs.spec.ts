/**
 * 需求清单 · 你说我办 through a real hub: two kiosks of one village (real sockets), phones (by
 * their cookie key), and the desk (a real staff sign-in), on a temp SQLite file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DISPATCHER } from '../../hub/demo/seed.ts';
import { newWishId } from '../../shared/domain/codes.ts';
import { ErrorCode, type Outcome } from '../../shared/errors.ts';
import type { NeedChanged, NeedsView, PublicNeed } from '../../shared/schemas/needs.ts';
import { clock } from '../helpers/claims.ts';
import { signIn } from '../helpers/desk.ts';
import {
	closeAll,
	connectKiosk,
	countAllRows,
	emitRaw,
	startTestHub,
	type KioskSocket,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.alloc(200, 1)
]);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 7)]);
const PHONE_A = 'phone-key-aaaaaaaaaaaaaaaa';
const PHONE_B = 'phone-key-bbbbbbbbbbbbbbbb';
const HOUR = 3_600_000;

async function twoKiosks(t: TestHub) {
	const [a, b] = t.kiosksAt('shuanglong');
	const ka = await connectKiosk(t.hub, a!.token);
	const kb = await connectKiosk(t.hub, b!.token);
	return { a: ka.socket, b: kb.socket, tokenA: a!.token };
}

async function ask<T>(
	socket: KioskSocket,
	event: 'need:view' | 'need:suggest' | 'need:vote',
	payload: unknown
) {
	return (await emitRaw(socket, event, payload)) as Outcome<T>;
}

function heard(socket: KioskSocket): NeedChanged[] {
	const got: NeedChanged[] = [];
	(socket as unknown as { on(e: string, f: (c: NeedChanged) => void): void }).on(
		'need:changed',
		(c) => got.push(c)
	);
	return got;
}

async function until(check: () => boolean, ms = 2000) {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
}

async function staff(t: TestHub) {
	return (await signIn(t.hub, DEMO_DISPATCHER.username, DEMO_DISPATCHER.password)).staff;
}

function value<T>(r: Outcome<T>): T {
	if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
	return r.value;
}

describe('residents raise needs and add 我也需要', () => {
	it('a kiosk suggestion reaches the other kiosk; +1s follow the rule and refusals change nothing', async () => {
		const c = clock();
		const t = await startTestHub({ now: c.now, needVotes: { kioskGapMs: 5000, kioskDailyCap: 4 } });
		const { a, b } = await twoKiosks(t);
		const toldB = heard(b);
		const id = newWishId();
		const made = value(
			await ask<PublicNeed>(a, 'need:suggest', {
				id,
				theme: 'care',
				text: '放学后孩子没地方去',
				voice: null
			})
		);
		expect(made).toMatchObject({ title: '放学后孩子没地方去', state: 'collecting', count: 1 });
		await until(() => toldB.some((x) => x.needId === made.id));
		const seen = value(await ask<NeedsView>(b, 'need:view', {}));
		expect(seen.open.map((n) => [n.id, n.count])).toEqual([[made.id, 1]]);
		expect(seen.rules).toEqual({ kioskGapSeconds: 5, kioskDailyCap: 4 });

		// A resend of the same suggestion finds the first one.
		const rows = await countAllRows(t.hub);
		const again = value(
			await ask<PublicNeed>(a, 'need:suggest', {
				id,
				theme: 'care',
				text: '放学后孩子没地方去',
				voice: null
			})
		);
		expect(again.id).toBe(made.id);
		expect(await countAllRows(t.hub)).toEqual(rows);

		// Three +1s from kiosk B, five seconds apart: 4; a tap inside the gap is refused.
		for (let i = 0; i < 3; i++) {
			expect(value(await ask(b, 'need:vote', { needId: made.id }))).toEqual({
				needId: made.id,
				count: 2 + i
			});
			const flood = await ask(b, 'need:vote', { needId: made.id });
			expect(flood).toMatchObject({ ok: false, error: ErrorCode.rateLimited });
			c.advance(5000);
		}
		// The daily cap (4 here) counts every need at that kiosk.
		expect(value(await ask<{ count: number }>(b, 'need:vote', { needId: made.id })).count).toBe(5);
		c.advance(5000);
		expect(await ask(b, 'need:vote', { needId: made.id })).toMatchObject({
			ok: false,
			error: ErrorCode.rateLimited
		});
		// Kiosk A has its own count; an unknown need or another village's is not found.
		expect(value(await ask<{ count: number }>(a, 'need:vote', { needId: made.id })).count).toBe(6);
		expect(await ask(a, 'need:vote', { needId: 999_999 })).toMatchObject({
			ok: false,
			error: ErrorCode.notFound
		});
		const other = value(
			await t.hub.core.needs.suggestByPhone(
				{ siteSlug: 'tieshiya', ip: '10.0.0.9', phoneKey: PHONE_A },
				{ theme: 'venue', text: '村里想要个篮球场' }
			)
		);
		expect(await ask(a, 'need:vote', { needId: other.id })).toMatchObject({
			ok: false,
			error: ErrorCode.notFound
		});
		const after = value(await ask<NeedsView>(a, 'need:view', {}));
		expect(after.open.find((n) => n.id === made.id)?.count).toBe(6);
	});

	it('a phone counts once per need; a bad key or a flood from one address changes nothing', async () => {
		const t = await startTestHub();
		const needs = t.hub.core.needs;
		const from = { siteSlug: 'shuanglong', ip: '10.0.0.1', phoneKey: PHONE_A };
		const n = value(
			await needs.suggestByPhone(
				{ ...from, phoneKey: null },
				{ theme: 'culture', text: '想学用智能手机' }
			)
		);
		expect(n.count).toBe(1);
		expect(value(await needs.voteByPhone(from, { needId: n.id })).count).toBe(2);
		expect(await needs.voteByPhone(from, { needId: n.id })).toMatchObject({
			ok: false,
			error: ErrorCode.conflict
		});
		expect(
			value(await needs.voteByPhone({ ...from, phoneKey: PHONE_B }, { needId: n.id })).count
		).toBe(3);
		expect(await needs.voteByPhone({ ...from, phoneKey: 'short' }, { needId: n.id })).toMatchObject(
			{ ok: false, error: ErrorCode.invalidPayload }
		);
		// 300 +1s per address per ten minutes, however many cookies it makes up.
		let refused = 0;
		for (let i = 0; i < 310; i++) {
			const r = await needs.voteByPhone(
				{
					siteSlug: 'shuanglong',
					ip: '10.0.0.7',
					phoneKey: `made-up-key-${String(i).padStart(12, '0')}`
				},
				{ needId: n.id }
			);
			if (!r.ok) {
				expect(r.error).toBe(ErrorCode.rateLimited);
				refused++;
			}
		}
		expect(refused).toBe(10);
		const view = await needs.viewBySlug('shuanglong');
		expect(view!.open.find((x) => x.id === n.id)?.count).toBe(303);
		expect(await needs.viewBySlug('no-such-place')).toBeNull();
	});

	it('a phone cannot +1 its own suggestion, knows what it counted, and counts once after a merge', async () => {
		const t = await startTestHub();
		const needs = t.hub.core.needs;
		const by = await staff(t);
		const from = { siteSlug: 'shuanglong', ip: '10.0.0.1', phoneKey: PHONE_A };
		const mine = value(
			await needs.suggestByPhone(from, { theme: 'venue', text: '想要个歇脚的地方' })
		);
		expect(await needs.voteByPhone(from, { needId: mine.id })).toMatchObject({
			ok: false,
			error: ErrorCode.conflict
		});
		const other = value(
			await needs.suggest(by, { siteSlug: 'shuanglong', theme: 'venue', text: '想有地方坐坐' })
		);
		value(await needs.voteByPhone(from, { needId: other.id }));
		value(await needs.voteByPhone({ ...from, phoneKey: PHONE_B }, { needId: other.id }));
		expect((await needs.viewBySlug('shuanglong', PHONE_A))!.mine).toEqual([mine.id, other.id]);
		expect((await needs.viewBySlug('shuanglong', PHONE_B))!.mine).toEqual([other.id]);
		expect((await needs.viewBySlug('shuanglong'))!.mine).toBeUndefined();
		// Phone A raised one and +1'd the other: merged, it still counts once (1 + 1 + B's +1).
		const merged = value(await needs.merge(by, { needId: other.id, intoId: mine.id }));
		expect(merged.count).toBe(3);
		expect(merged.byChannel).toEqual({ kiosk: 0, phone: 2, desk: 1, meeting: 0 });
		// The other way round: the suggestion merged into a need the same phone had +1'd.
		const c = { ...from, phoneKey: 'phone-key-cccccccccccccccc' };
		const x = value(await needs.suggestByPhone(c, { theme: 'care', text: '孩子放学没人管' }));
		const y = value(
			await needs.suggest(by, { siteSlug: 'shuanglong', theme: 'care', text: '放学后孩子有去处' })
		);
		value(await needs.voteByPhone(c, { needId: y.id }));
		expect(value(await needs.merge(by, { needId: x.id, intoId: y.id })).count).toBe(2);
	});
});

describe('the desk merges, adopts, carries out and closes needs', () => {
	it('merge adds counts and voices; adopt → 实施中 → 已完成 reaches the board with its photo; 暂不采纳 reads its reason', async () => {
		const t = await startTestHub();
		const { a, b, tokenA } = await twoKiosks(t);
		const toldB = heard(b);
		const by = await staff(t);
		const needs = t.hub.core.needs;
		// A voice suggestion: the clip first (as a voice wish's), then the suggestion.
		const voiceId = newWishId();
		const put = await fetch(`http://127.0.0.1:${t.hub.port}/api/voice/${voiceId}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'audio/webm' },
			body: WEBM
		});
		expect(put.status).toBe(201);
		const spoken = value(
			await ask<PublicNeed>(a, 'need:suggest', {
				id: voiceId,
				theme: 'venue',
				text: '',
				voice: { durationMs: 4000, mime: 'audio/webm' }
			})
		);
		expect(spoken).toMatchObject({ title: '', hasVoice: true, count: 1 });
		const typed = value(
			await ask<PublicNeed>(b, 'need:suggest', {
				id: newWishId(),
				theme: 'venue',
				text: '中午赶场回来想歇个脚',
				voice: null
			})
		);
		const phone = { siteSlug: 'shuanglong', ip: '10.0.0.2', phoneKey: PHONE_A };
		value(await needs.voteByPhone(phone, { needId: spoken.id }));
		value(await needs.voteByPhone(phone, { needId: typed.id }));
		value(await needs.voteByPhone({ ...phone, phoneKey: PHONE_B }, { needId: spoken.id }));

		// The desk hears the clip through its ask's listen code; a wrong code gets nothing.
		const detail = value(await needs.need(by, spoken.id));
		const url = detail.asks[0]!.voiceUrl!;
		expect((await fetch(`http://127.0.0.1:${t.hub.port}${url}`)).status).toBe(200);
		expect((await fetch(`http://127.0.0.1:${t.hub.port}/api/voice/${voiceId}?code=-`)).status).toBe(
			404
		);
		// Adopting a need nobody has written up yet is refused.
		const adoptIt = { plan: '驿站摆座椅', owner: '村委会', targetMonth: '2027-03' };
		expect(await needs.adopt(by, { needId: spoken.id, ...adoptIt })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});

		// Merge: 3 (voice + two phones) into 2 (typed + phone A): phone A counts once → 4.
		const merged = value(await needs.merge(by, { needId: spoken.id, intoId: typed.id }));
		expect(merged.count).toBe(4);
		expect(merged.byChannel).toEqual({ kiosk: 2, phone: 2, desk: 0, meeting: 0 });
		expect(merged.asks.map((x) => x.voiceMs)).toEqual([4000, null]);
		expect(merged.merged).toEqual([{ id: spoken.id, title: '' }]);
		expect(await needs.merge(by, { needId: spoken.id, intoId: typed.id })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});
		let wall = value(await ask<NeedsView>(b, 'need:view', {}));
		expect(wall.open.map((n) => [n.id, n.count])).toEqual([[typed.id, 4]]);

		// 开始实施 is refused before adopting; then adopt → start → finish with a photo.
		expect(await needs.start(by, { needId: typed.id })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});
		value(await needs.adopt(by, { needId: typed.id, ...adoptIt }));
		value(await needs.start(by, { needId: typed.id }));
		const rows = await countAllRows(t.hub);
		expect(
			await needs.finish(by, { needId: typed.id, note: '座椅摆好了' }, Buffer.from('not a photo'))
		).toMatchObject({ ok: false, error: ErrorCode.invalidPayload });
		expect(await countAllRows(t.hub)).toEqual(rows);
		const seq = toldB.length;
		const done = value(await needs.finish(by, { needId: typed.id, note: '座椅摆好了' }, PNG));
		expect(done).toMatchObject({ state: 'done', doneNote: '座椅摆好了', plan: '驿站摆座椅' });
		expect(done.donePhotoUrl).toBe(`/n/photo/${typed.id}`);
		await until(() => toldB.length > seq);
		wall = value(await ask<NeedsView>(b, 'need:view', {}));
		expect(wall.open).toEqual([]);
		expect(wall.board.map((n) => [n.id, n.state, n.count])).toEqual([[typed.id, 'done', 4]]);
		expect((await needs.donePhoto(typed.id))?.bytes.equals(PNG)).toBe(true);
		// A finished need cannot be finished again or declined.
		expect(await needs.decline(by, { needId: typed.id, reason: '不做了' })).toMatchObject({
			ok: false,
			error: ErrorCode.forbiddenTransition
		});

		const no = value(
			await needs.suggestByPhone(
				{ ...phone, ip: '10.0.0.3' },
				{ theme: 'culture', text: '广场装大屏放电影' }
			)
		);
		value(await needs.decline(by, { needId: no.id, reason: '晚上放映会吵到住户' }));
		expect(
			await needs.voteByPhone({ ...phone, phoneKey: PHONE_B }, { needId: no.id })
		).toMatchObject({ ok: false, error: ErrorCode.forbiddenTransition });
		const onPhone = await needs.viewBySlug('shuanglong');
		expect(onPhone!.declined.map((n) => [n.id, n.declineReason])).toEqual([
			[no.id, '晚上放映会吵到住户']
		]);
		// Every desk move left an audit row.
		const audits = await t.hub.core.db.all<{ action: string }>(
			"SELECT action FROM audit_log WHERE target_type = 'need' ORDER BY id"
		);
		expect(audits.map((x) => x.action)).toEqual([
			'need.merge',
			'need.adopted',
			'need.started',
			'need.done',
			'need.declined'
		]);
	});

	it('a 座谈会 adds its suggestions with the attendees who raised them, all or nothing', async () => {
		const t = await startTestHub();
		const by = await staff(t);
		const needs = t.hub.core.needs;
		const before = value(
			await needs.suggest(by, { siteSlug: 'erju', theme: 'service', text: '代缴水电费' })
		);
		const meeting = {
			siteSlug: 'erju',
			heldOn: '2026-11-20',
			title: '居民座谈会',
			attendees: 12,
			suggestions: [
				{ theme: 'venue' as const, text: '服务中心像家里客厅一样暖和', people: 5, needId: null },
				{ theme: 'care' as const, text: '孩子放学后有去处', people: 3, needId: null },
				{ theme: 'service' as const, text: '代缴水电费', people: 4, needId: before.id }
			]
		};
		const rows = await countAllRows(t.hub);
		expect(
			await needs.meeting(by, {
				...meeting,
				suggestions: [...meeting.suggestions, { ...meeting.suggestions[0]!, needId: 999_999 }]
			})
		).toMatchObject({ ok: false, error: ErrorCode.notFound });
		expect(await countAllRows(t.hub)).toEqual(rows);

		const m = value(await needs.meeting(by, meeting));
		expect(m).toMatchObject({ siteSlug: 'erju', attendees: 12, suggestions: 3 });
		const list = value(await needs.list(by, { siteSlug: 'erju', state: 'collecting' }));
		const count = (title: string) => list.find((n) => n.title === title)?.count;
		expect(count('服务中心像家里客厅一样暖和')).toBe(5);
		expect(count('孩子放学后有去处')).toBe(3);
		expect(count('代缴水电费')).toBe(5);
		const fee = list.find((n) => n.id === before.id)!;
		expect(fee.byChannel).toEqual({ kiosk: 0, phone: 0, desk: 1, meeting: 4 });
		// The meeting was held before the desk typed the need in: it was first asked then.
		expect(fee.asks.map((x) => x.meeting?.title ?? null)).toEqual(['居民座谈会', null]);
		expect(fee.firstAskedAt).toBe(Date.parse('2026-11-20T00:00:00+08:00'));
		expect(value(await needs.meetings(by, { siteSlug: 'erju' })).map((x) => x.id)).toContain(m.id);
	});

	it('a need linked to a station service shows 来自群众需求 on the kiosk', async () => {
		const t = await startTestHub();
		const by = await staff(t);
		const needs = t.hub.core.needs;
		const n = value(
			await needs.suggest(by, {
				siteSlug: 'qiaocheng',
				theme: 'service',
				text: '想有地方给手机充电'
			})
		);
		const targets = value(await needs.linkTargets(by, n.id));
		const charging = targets.services.find((s) => s.name === '手机充电')!;
		expect(
			await needs.link(by, { needId: n.id, link: { kind: 'service', id: 999_999 } })
		).toMatchObject({ ok: false, error: ErrorCode.notFound });
		const linked = value(
			await needs.link(by, { needId: n.id, link: { kind: 'service', id: charging.id } })
		);
		expect(linked.link).toEqual({ kind: 'service', id: charging.id, name: '手机充电' });
		const siteId = (await t.hub.core.store.sites.siteBySlug('qiaocheng'))!.id;
		const station = await t.hub.core.stations.view(siteId);
		expect(station.services.find((s) => s.id === charging.id)?.fromNeed).toEqual({
			id: n.id,
			title: '想有地方给手机充电'
		});
		// The demo's 四点半课堂 came from the after-school need.
		const lessons = (await t.hub.core.activities.upcoming(siteId, 14)).find(
			(x) => x.title === '四点半课堂'
		);
		expect(lessons?.fromNeed?.title).toBe('放学后的孩子能有个安全有趣的去处');
	});
});

describe('needs figures', () => {
	it('match a hand-computed dataset', async () => {
		const c = clock();
		const t = await startTestHub({ now: c.now });
		const by = await staff(t);
		const needs = t.hub.core.needs;
		// Far past the demo's needs, so the range holds only these.
		c.advance(400 * 24 * HOUR);
		const day = new Date(c.now() + 8 * HOUR).toISOString().slice(0, 10);
		const raise = async (text: string, site = 'shuanglong') =>
			value(await needs.suggest(by, { siteSlug: site, theme: 'venue', text })).id;
		const n1 = await raise('需求一');
		const n2 = await raise('需求二');
		const n3 = await raise('需求三', 'tieshiya');
		const n4 = await raise('需求四', 'tieshiya');
		for (const k of [PHONE_A, PHONE_B]) {
			value(
				await needs.voteByPhone({ siteSlug: 'shuanglong', ip: k, phoneKey: k }, { needId: n1 })
			);
		}
		const plan = { plan: '办', owner: '村委会', targetMonth: '2027-12' };
		c.advance(24 * HOUR);
		value(await needs.adopt(by, { needId: n2, ...plan }));
		c.advance(24 * HOUR);
		value(await needs.adopt(by, { needId: n1, ...plan }));
		value(await needs.decline(by, { needId: n3, reason: '不合适' }));
		c.advance(48 * HOUR);
		value(await needs.finish(by, { needId: n1, note: '办好了' }, PNG));
		void n4;
		const end = new Date(c.now() + 8 * HOUR).toISOString().slice(0, 10);
		const f = value(await needs.figures(by, { from: day, to: end }));
		expect(f.total).toEqual({
			collected: 4,
			asked: 6,
			adopted: 2,
			done: 1,
			declined: 1,
			adoptedShare: 0.5,
			doneShare: 0.25,
			hoursToAdoptP50: 36,
			hoursToDoneP50: 96
		});
		expect(f.bySite.map((s) => [s.key, s.figures.collected, s.figures.asked])).toEqual([
			['shuanglong', 2, 4],
			['tieshiya', 2, 2]
		]);
		expect(f.rows.map((r) => r.id)).toEqual([n1, n2, n3, n4]);
		expect(await needs.figures(by, { from: 'not-a-day', to: end })).toMatchObject({ ok: false });
	});
});
