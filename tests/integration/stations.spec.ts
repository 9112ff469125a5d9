/**
 * Warm stations and service days against a real hub (port 0, SQLite file in a temp folder) with
 * real socket.io clients authenticated as the demo kiosks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STATION_PIN } from '../../hub/demo/stations.ts';
import { insertStaff, staffById } from '../../hub/db/repos/staff.ts';
import type { Hub } from '../../hub/main.ts';
import { enrolKiosk } from '../../hub/services/kiosks.ts';
import { toPrincipal } from '../../hub/services/staff/roles.ts';
import type { Outcome } from '../../shared/errors.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import type {
	ActivityChanged,
	SignupReceipt,
	StationService,
	StationView,
	UpcomingActivity
} from '../../shared/schemas/stations.ts';
import type { StaffPrincipal } from '../../shared/schemas/desk.ts';
import {
	closeAll,
	connectKiosk,
	countRows,
	emitRaw,
	startTestHub,
	type KioskSocket,
	type TestHub
} from '../helpers/start-hub.ts';

afterEach(closeAll);

const DAY = 86_400_000;

async function staff(
	hub: Hub,
	role: 'dispatcher' | 'admin' = 'dispatcher'
): Promise<StaffPrincipal> {
	const id = await insertStaff(
		hub.core.db,
		{
			username: `${role}${Math.random().toString(36).slice(2, 8)}`,
			displayName: '值班员',
			role,
			passwordHash: 'not-used-here',
			mustChangePassword: false
		},
		Date.now()
	);
	return toPrincipal((await staffById(hub.core.db, id))!);
}

/** A second (or third) kiosk at a site, enrolled the way the desk enrols one. */
async function enrolAt(t: TestHub, site: string, prefix: string): Promise<string> {
	const siteId = (await t.hub.core.db.get<{ id: number }>('SELECT id FROM sites WHERE slug = ?', [
		site
	]))!.id;
	const { token } = await t.hub.core.store.transaction((tx) =>
		enrolKiosk(tx, { siteId, name: `${site} ${prefix}`, ticketPrefix: prefix }, Date.now())
	);
	return token;
}

async function kioskAt(t: TestHub, site: string): Promise<KioskSocket> {
	const demo = t.kiosksAt(site)[0];
	if (!demo) throw new Error(`no demo kiosk at ${site}`);
	return (await connectKiosk(t.hub, demo.token)).socket;
}

function call<T>(socket: KioskSocket, event: string, payload: unknown): Promise<Outcome<T>> {
	return emitRaw(socket, event as never, payload) as Promise<Outcome<T>>;
}

async function viewOf(socket: KioskSocket): Promise<StationView> {
	const r = await call<StationView>(socket, 'station:view', {});
	if (!r.ok) throw new Error(r.message);
	return r.value;
}

/** Everything a socket hears on one event from now on. */
function listen<T>(socket: KioskSocket, event: 'station:updated' | 'activity:changed') {
	const heard: { at: number; value: T }[] = [];
	(socket as unknown as { on(e: string, f: (v: T) => void): void }).on(event, (value) =>
		heard.push({ at: Date.now(), value })
	);
	return heard;
}

async function until(check: () => boolean, ms = 2_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('station service list', () => {
	it('shows a station kiosk its own site’s services with hours and a live state', async () => {
		const t = await startTestHub();
		const view = await viewOf(await kioskAt(t, 'qiaocheng'));
		expect(view.services.map((s) => s.name)).toEqual([
			'微波炉热饭',
			'饮用水',
			'手机充电',
			'休息座椅',
			'卫生间',
			'四点半课堂',
			'健康角·量血压',
			'农技微课堂'
		]);
		expect(view.services.every((s) => s.state === 'available')).toBe(true);
		expect(view.services[0]!.hours).toBe('每天 11:00-13:30；每天 17:00-19:30');
		// The 二居 center's 暖心驿站 corner has its own, shorter list.
		const erju = await viewOf(await kioskAt(t, 'erju'));
		expect(erju.services.map((s) => s.name)).toEqual([
			'饮用水',
			'微波炉热饭',
			'手机充电',
			'休息座椅'
		]);
	});

	it('sends a desk state change to every kiosk of that station within a second, and to no other site', async () => {
		const t = await startTestHub();
		const a = await kioskAt(t, 'qiaocheng');
		const b = (await connectKiosk(t.hub, await enrolAt(t, 'qiaocheng', 'Q'))).socket;
		const elsewhere = [await kioskAt(t, 'erju'), await kioskAt(t, 'shuanglong')];
		const heardA = listen<StationService>(a, 'station:updated');
		const heardB = listen<StationService>(b, 'station:updated');
		const heardElsewhere = elsewhere.map((s) => listen<StationService>(s, 'station:updated'));
		const microwave = (await viewOf(a)).services.find((s) => s.name === '微波炉热饭')!;
		const dispatcher = await staff(t.hub);

		const sentAt = Date.now();
		const r = await t.hub.core.stations.setState(
			{ kind: 'staff', who: dispatcher },
			{ serviceId: microwave.id, state: 'busy', note: '有人在用，约 5 分钟' }
		);
		expect(r.ok).toBe(true);
		await until(() => heardA.length > 0 && heardB.length > 0);
		for (const heard of [heardA, heardB]) {
			expect(heard).toHaveLength(1);
			expect(heard[0]!.value).toMatchObject({
				id: microwave.id,
				state: 'busy',
				note: '有人在用，约 5 分钟'
			});
			expect(heard[0]!.value.seq).toBeGreaterThan(microwave.seq);
			expect(heard[0]!.at - sentAt).toBeLessThan(1_000);
		}
		await new Promise((r) => setTimeout(r, 300));
		expect(heardElsewhere.map((h) => h.length)).toEqual([0, 0]);
		// What was broadcast is what a freshly connected kiosk reads, and it was recorded.
		const now = (await viewOf(b)).services.find((s) => s.id === microwave.id)!;
		expect(now).toEqual(heardA[0]!.value);
		expect(await countRows(t.hub, 'station_events', `subject = 'service:${microwave.id}'`)).toBe(1);
		expect(
			await countRows(
				t.hub,
				'audit_log',
				`action = 'station.service_state' AND staff_id = ${dispatcher.id} AND target_id = '${microwave.id}'`
			)
		).toBe(1);
	});

	it('lets a kiosk’s staff panel flip its own site’s services only with the site PIN', async () => {
		const t = await startTestHub();
		const station = await kioskAt(t, 'qiaocheng');
		const erju = await kioskAt(t, 'erju');
		const services = (await viewOf(station)).services;
		const toilet = services.find((s) => s.name === '卫生间')!;

		expect(await call(station, 'station:unlock', { pin: '0000' })).toMatchObject({
			ok: false,
			error: 'bad_credentials'
		});
		expect(await call(station, 'station:unlock', { pin: DEMO_STATION_PIN })).toEqual({
			ok: true,
			value: null
		});
		const wrong = await call(station, 'station:setState', {
			serviceId: toilet.id,
			state: 'paused',
			note: '',
			pin: '1111'
		});
		expect(wrong).toMatchObject({ ok: false, error: 'bad_credentials' });
		const paused = await call<StationService>(station, 'station:setState', {
			serviceId: toilet.id,
			state: 'paused',
			note: '水箱维修中，明天恢复',
			pin: DEMO_STATION_PIN
		});
		expect(paused).toMatchObject({
			ok: true,
			value: { state: 'paused', note: '水箱维修中，明天恢复' }
		});
		// The 二居 kiosk knows its own PIN (the demo uses one PIN) but not this station's services.
		const across = await call(erju, 'station:setState', {
			serviceId: toilet.id,
			state: 'available',
			note: '',
			pin: DEMO_STATION_PIN
		});
		expect(across).toMatchObject({ ok: false, error: 'wrong_site' });
		expect((await viewOf(station)).services.find((s) => s.id === toilet.id)!.state).toBe('paused');
	});

	it('locks the kiosk panel after five wrong PINs, even for the right one', async () => {
		const t = await startTestHub();
		const station = await kioskAt(t, 'qiaocheng');
		for (let i = 0; i < 4; i++) {
			expect(await call(station, 'station:unlock', { pin: '9999' })).toMatchObject({
				error: 'bad_credentials'
			});
		}
		expect(await call(station, 'station:unlock', { pin: '9999' })).toMatchObject({
			error: 'locked'
		});
		expect(await call(station, 'station:unlock', { pin: DEMO_STATION_PIN })).toMatchObject({
			error: 'locked'
		});
	});

	it('refuses malformed state changes with a reason and changes nothing', async () => {
		const t = await startTestHub();
		const station = await kioskAt(t, 'qiaocheng');
		const [first] = (await viewOf(station)).services;
		const bad = [
			{ serviceId: first!.id, state: 'broken', note: '', pin: DEMO_STATION_PIN },
			{ serviceId: first!.id, state: 'busy', note: 'x'.repeat(41), pin: DEMO_STATION_PIN },
			{ serviceId: 'one', state: 'busy', note: '', pin: DEMO_STATION_PIN },
			{ serviceId: first!.id, state: 'busy', note: '', pin: DEMO_STATION_PIN, extra: 1 }
		];
		// The demo's needs list wrote its own station events.
		const events = await countRows(t.hub, 'station_events');
		for (const payload of bad) {
			expect(await call(station, 'station:setState', payload)).toMatchObject({
				ok: false,
				error: 'invalid_payload'
			});
		}
		expect(await countRows(t.hub, 'station_events')).toBe(events);
		expect((await viewOf(station)).services[0]!.state).toBe('available');
	});

	it('only an admin may edit a service, and its hours must be readable', async () => {
		const t = await startTestHub();
		const station = await kioskAt(t, 'qiaocheng');
		const water = (await viewOf(station)).services.find((s) => s.name === '饮用水')!;
		const edit = {
			icon: 'water',
			name: '热水',
			hours: '每天 22:00-06:00',
			position: 5,
			active: true
		} as const;
		const dispatcher = await staff(t.hub);
		expect(
			await t.hub.core.stations.saveService(dispatcher, { serviceId: water.id }, edit)
		).toMatchObject({
			ok: false,
			error: 'forbidden'
		});
		const admin = await staff(t.hub, 'admin');
		expect(
			await t.hub.core.stations.saveService(
				admin,
				{ serviceId: water.id },
				{ ...edit, hours: '早上' }
			)
		).toMatchObject({ ok: false, message: 'hours_bad_time' });
		const heard = listen<StationService>(station, 'station:updated');
		const saved = await t.hub.core.stations.saveService(admin, { serviceId: water.id }, edit);
		// Stored in the canonical text form the kiosk shows.
		expect(saved).toMatchObject({
			ok: true,
			value: { name: '热水', hours: '每天 22:00-次日06:00' }
		});
		await until(() => heard.length === 1);
		expect(heard[0]!.value.name).toBe('热水');
	});
});

describe('visit counter', () => {
	it('counts one visit per tap but at most one per kiosk every three seconds', async () => {
		const t = await startTestHub();
		expect(t.hub.core.stations.tuning.visitGapMs).toBe(3_000);
		const a = await kioskAt(t, 'qiaocheng');
		const b = (await connectKiosk(t.hub, await enrolAt(t, 'qiaocheng', 'Q'))).socket;

		expect(await call(a, 'station:visit', {})).toEqual({ ok: true, value: { visitsToday: 1 } });
		// A double tap, or a child hammering the button, is refused…
		for (let i = 0; i < 5; i++) {
			expect(await call(a, 'station:visit', {})).toMatchObject({
				ok: false,
				error: 'rate_limited'
			});
		}
		// …but another kiosk of the same station counts its own visitor at once.
		expect(await call(b, 'station:visit', {})).toEqual({ ok: true, value: { visitsToday: 2 } });
		await new Promise((r) => setTimeout(r, 3_050));
		expect(await call(a, 'station:visit', {})).toEqual({ ok: true, value: { visitsToday: 3 } });

		const today = shanghaiDate(Date.now());
		expect(await countRows(t.hub, 'station_visits', `day = '${today}'`)).toBe(3);
		expect((await viewOf(a)).visitsToday).toBe(3);
		// Visits belong to their site: the 二居 corner has none.
		expect((await viewOf(await kioskAt(t, 'erju'))).visitsToday).toBe(0);
		expect(await call(a, 'station:visit', { count: 10 })).toMatchObject({
			error: 'invalid_payload'
		});
	});
});

describe('activities and sign-ups', () => {
	async function oneOff(t: TestHub, capacity: number, inDays = 2) {
		const who = await staff(t.hub);
		const siteId = (await t.hub.core.db.get<{ id: number }>(
			"SELECT id FROM sites WHERE slug = 'qiaocheng'"
		))!.id;
		const r = await t.hub.core.activities.save(who, siteId, null, {
			title: '理发义剪',
			description: '志愿者免费理发',
			place: '驿站门口',
			services: ['理发'],
			schedule: {
				kind: 'once',
				date: shanghaiDate(Date.now() + inDays * DAY),
				time: '09:00',
				minutes: 120
			},
			capacity,
			active: true
		});
		if (!r.ok) throw new Error(r.message);
		return r.value;
	}

	it('lists the station’s activities of the next 14 days with the monthly service day’s rule', async () => {
		const t = await startTestHub();
		const station = await kioskAt(t, 'qiaocheng');
		const r = await call<UpcomingActivity[]>(station, 'activity:list', {});
		expect(r.ok).toBe(true);
		const list = r.ok ? r.value : [];
		const klass = list.find((a) => a.title === '四点半课堂')!;
		// Two school weeks hold 9 to 10 weekday dates, never a weekend one.
		expect(klass.when).toBe('周一至周五 16:30');
		expect(klass.occurrences.length).toBeGreaterThanOrEqual(9);
		for (const o of klass.occurrences) {
			expect([0, 6]).not.toContain(new Date(`${o.date}T00:00:00Z`).getUTCDay());
		}
		expect(list.find((a) => a.title === '社区义诊')!.occurrences).toHaveLength(1);
		// With 31 days the next 15th is always in view.
		const month = await call<UpcomingActivity[]>(station, 'activity:list', { days: 31 });
		const serviceDay = (month.ok ? month.value : []).find((a) => a.title === '先锋志愿服务日')!;
		expect(serviceDay.when).toBe('每月15日 09:00');
		expect(serviceDay.occurrences.every((o) => o.date.endsWith('-15'))).toBe(true);
		expect(serviceDay.capacity).toBe(30);
		// Each site sees its own.
		const erju = await call<UpcomingActivity[]>(await kioskAt(t, 'erju'), 'activity:list', {
			days: 31
		});
		expect((erju.ok ? erju.value : []).map((a) => a.place)).toEqual(['二居社区服务大厅']);
	});

	it('gives exactly 20 of 30 people pressing at once the 20 places, and tells the other 10 it is full', async () => {
		const t = await startTestHub();
		const activity = await oneOff(t, 20);
		const kiosks = [
			await kioskAt(t, 'qiaocheng'),
			(await connectKiosk(t.hub, await enrolAt(t, 'qiaocheng', 'Q'))).socket,
			(await connectKiosk(t.hub, await enrolAt(t, 'qiaocheng', 'R'))).socket
		];
		const heard = listen<ActivityChanged>(kiosks[0]!, 'activity:changed');
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				call<SignupReceipt>(kiosks[i % 3]!, 'activity:signup', {
					activityId: activity.id,
					date: shanghaiDate(Date.now() + 2 * DAY),
					name: `居民${i}`,
					phone: `139000000${String(i).padStart(2, '0')}`
				})
			)
		);
		const won = results.flatMap((r) => (r.ok ? [r.value] : []));
		const lost = results.filter((r) => !r.ok);
		expect(won).toHaveLength(20);
		expect(lost).toHaveLength(10);
		for (const r of lost) expect(r).toMatchObject({ ok: false, error: 'full' });
		expect(new Set(won.map((w) => w.slipCode)).size).toBe(20);
		expect(won.map((w) => w.placesLeft).sort((a, b) => a! - b!)).toEqual(
			Array.from({ length: 20 }, (_, i) => i)
		);
		expect(
			await countRows(
				t.hub,
				'activity_signups',
				`activity_id = ${activity.id} AND cancelled_at IS NULL`
			)
		).toBe(20);
		await until(() => heard.length === 20);
		expect(heard.every((h) => h.value.activityId === activity.id)).toBe(true);
		// The kiosk list shows it full.
		const list = await call<UpcomingActivity[]>(kiosks[0]!, 'activity:list', {});
		const shown = (list.ok ? list.value : []).find((a) => a.id === activity.id)!;
		expect(shown.occurrences[0]!.taken).toBe(20);
	});

	it('gives a resent sign-up from the same phone its first place back instead of a second one', async () => {
		const t = await startTestHub();
		const activity = await oneOff(t, 5);
		const station = await kioskAt(t, 'qiaocheng');
		const input = {
			activityId: activity.id,
			date: shanghaiDate(Date.now() + 2 * DAY),
			name: '郭建国',
			phone: '13912345678'
		};
		const first = await call<SignupReceipt>(station, 'activity:signup', input);
		const again = await call<SignupReceipt>(station, 'activity:signup', input);
		expect(first).toMatchObject({
			ok: true,
			value: {
				already: false,
				placesLeft: 4,
				maskedName: '郭**',
				phoneLast4: '5678',
				place: '驿站门口'
			}
		});
		expect(again).toMatchObject({ ok: true, value: { already: true, placesLeft: 4 } });
		expect(first.ok && again.ok && first.value.slipCode === again.value.slipCode).toBe(true);
		// The slip carries neither the full name nor the phone.
		expect(JSON.stringify(first)).not.toContain('郭建国');
		expect(JSON.stringify(first)).not.toContain('13912345678');
		expect(await countRows(t.hub, 'activity_signups')).toBe(1);
	});

	it('refuses sign-ups for a date the activity does not have, for another site’s activity, after it began, or with a bad phone', async () => {
		const t = await startTestHub();
		const activity = await oneOff(t, 5);
		const station = await kioskAt(t, 'qiaocheng');
		const erju = await kioskAt(t, 'erju');
		const ok = {
			activityId: activity.id,
			date: shanghaiDate(Date.now() + 2 * DAY),
			name: '王大爷',
			phone: '13800001111'
		};
		expect(
			await call(station, 'activity:signup', { ...ok, date: shanghaiDate(Date.now() + 3 * DAY) })
		).toMatchObject({ ok: false, error: 'not_found' });
		expect(await call(erju, 'activity:signup', ok)).toMatchObject({
			ok: false,
			error: 'not_found'
		});
		expect(await call(station, 'activity:signup', { ...ok, phone: '12ab' })).toMatchObject({
			ok: false,
			error: 'invalid_payload'
		});
		expect(await call(station, 'activity:signup', { ...ok, name: '  ' })).toMatchObject({
			ok: false,
			error: 'invalid_payload'
		});
		const past = await oneOff(t, 5, -1);
		expect(
			await call(station, 'activity:signup', {
				...ok,
				activityId: past.id,
				date: shanghaiDate(Date.now() - DAY)
			})
		).toMatchObject({ ok: false, error: 'too_late' });
		expect(await countRows(t.hub, 'activity_signups')).toBe(0);
	});

	it('marks attendance by the slip code once, and a cancelled place goes back to the list', async () => {
		const t = await startTestHub();
		const activity = await oneOff(t, 1);
		const station = await kioskAt(t, 'qiaocheng');
		const who = await staff(t.hub);
		const date = shanghaiDate(Date.now() + 2 * DAY);
		const first = await call<SignupReceipt>(station, 'activity:signup', {
			activityId: activity.id,
			date,
			name: '李婆婆',
			phone: '13800002222'
		});
		if (!first.ok) throw new Error(first.message);
		expect(
			await call(station, 'activity:signup', {
				activityId: activity.id,
				date,
				name: '赵奶奶',
				phone: '13800003333'
			})
		).toMatchObject({ error: 'full' });
		const cancelled = await t.hub.core.activities.cancel(who, first.value.signupId);
		expect(cancelled.ok).toBe(true);
		const second = await call<SignupReceipt>(station, 'activity:signup', {
			activityId: activity.id,
			date,
			name: '赵奶奶',
			phone: '13800003333'
		});
		if (!second.ok) throw new Error(second.message);
		const checked = await t.hub.core.activities.checkIn(who, second.value.slipCode);
		expect(checked).toMatchObject({ ok: true, value: { name: '赵奶奶' } });
		const attendedAt = checked.ok ? checked.value.attendedAt : null;
		expect(attendedAt).not.toBeNull();
		const rescan = await t.hub.core.activities.checkIn(who, second.value.slipCode);
		expect(rescan).toMatchObject({ ok: true, value: { attendedAt } });
		expect(await t.hub.core.activities.cancel(who, second.value.signupId)).toMatchObject({
			ok: false,
			error: 'conflict'
		});
		expect(await t.hub.core.activities.checkIn(who, 'nosuchcode000')).toMatchObject({
			error: 'not_found'
		});
	});
});

describe('station figures', () => {
	it('reports visits, activities held, attendances, resolved wishes and people served per site', async () => {
		const t = await startTestHub();
		const who = await staff(t.hub);
		const station = await kioskAt(t, 'qiaocheng');
		const siteId = (await t.hub.core.db.get<{ id: number }>(
			"SELECT id FROM sites WHERE slug = 'qiaocheng'"
		))!.id;
		const today = shanghaiDate(Date.now());
		const before = await t.hub.core.stations.figures(today, today);
		const baseResolved = before.bySite.get(siteId)?.resolvedWishes ?? 0;

		expect((await call(station, 'station:visit', {})).ok).toBe(true);
		const created = await t.hub.core.activities.save(who, siteId, null, {
			title: '健康讲座',
			description: '',
			place: '驿站',
			services: [],
			schedule: { kind: 'once', date: today, time: '23:58', minutes: 10 },
			capacity: null,
			active: true
		});
		if (!created.ok) throw new Error(created.message);
		// Two walk-ins on one date: one activity held, two attendances.
		for (const name of ['王大爷', '李婆婆']) {
			const r = await t.hub.core.activities.addWalkIn(who, {
				activityId: created.value.id,
				date: today,
				name
			});
			expect(r.ok).toBe(true);
		}
		const after = await t.hub.core.stations.figures(today, today);
		expect(after.bySite.get(siteId)).toEqual({
			visits: 1,
			activitiesHeld: 1,
			attendances: 2,
			resolvedWishes: baseResolved,
			peopleServed: 3 + baseResolved
		});
		expect(after.total.visits).toBe(1);
		expect(after.total.activitiesHeld).toBe(1);
	});
});
