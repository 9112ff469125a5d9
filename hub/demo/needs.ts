/**
 * The demo's needs list (需求清单): the four needs the township's service centers were rebuilt
 * from (a place to heat lunch, to rest at noon, for children after school, a center as warm as a
 * living room), each answered, and a few still being collected, adopted or declined.
 */
import { newCode, newWishId } from '../../shared/domain/codes.ts';
import { shanghaiDate } from '../../shared/domain/figures.ts';
import type { NeedState, NeedTheme } from '../../shared/domain/needs.ts';
import type { NeedFields } from '../store/needs.ts';
import type { Repos } from '../store/store.ts';

const DAY_MS = 86_400_000;

interface DemoNeed {
	site: string;
	theme: NeedTheme;
	title: string;
	state: Exclude<NeedState, 'merged'>;
	/** Days ago it was first asked, adopted, started, done or declined. */
	askedDaysAgo: number;
	movedDaysAgo?: [adopted: number, started: number | null, done: number | null];
	plan?: [plan: string, owner: string, inMonths: number];
	doneNote?: string;
	declineReason?: string;
	/** A service (by name) or an activity (by title) of the site it became. */
	became?: { service: string } | { activity: string };
	kioskAsks: number;
	kioskVotes: number;
	phoneVotes: number;
	/** Raised at the demo 座谈会 by this many attendees. */
	atMeeting?: number;
}

const NEEDS: DemoNeed[] = [
	{
		site: 'qiaocheng',
		theme: 'service',
		title: '环卫工人想有个地方热午饭',
		state: 'done',
		askedDaysAgo: 300,
		movedDaysAgo: [290, 280, 250],
		plan: ['驿站添一台微波炉，中午和傍晚开放热饭', '桥城社区居委会', -8],
		doneNote: '驿站的微波炉已经可以用了，每天中午和傍晚开放，环卫工人和过路的人都可以来热饭。',
		became: { service: '微波炉热饭' },
		kioskAsks: 2,
		kioskVotes: 9,
		phoneVotes: 4
	},
	{
		site: 'qiaocheng',
		theme: 'venue',
		title: '中午赶场回来能歇个脚',
		state: 'done',
		askedDaysAgo: 280,
		movedDaysAgo: [270, 265, 240],
		plan: ['驿站摆上休息座椅，备饮用水', '桥城社区居委会', -8],
		doneNote: '驿站里摆好了座椅，备了热水，赶场回来的乡亲可以坐下歇歇。',
		became: { service: '休息座椅' },
		kioskAsks: 1,
		kioskVotes: 12,
		phoneVotes: 2
	},
	{
		site: 'qiaocheng',
		theme: 'care',
		title: '放学后的孩子能有个安全有趣的去处',
		state: 'done',
		askedDaysAgo: 260,
		movedDaysAgo: [245, 230, 200],
		plan: ['办四点半课堂，志愿者老师辅导作业', '镇团委 · 驿站志愿者', -6],
		doneNote: '四点半课堂开课了，周一到周五放学后，志愿者老师辅导作业，家长下班来接。',
		became: { activity: '四点半课堂' },
		kioskAsks: 1,
		kioskVotes: 6,
		phoneVotes: 8,
		atMeeting: 5
	},
	{
		site: 'erju',
		theme: 'venue',
		title: '要是党群服务中心能像家里的客厅一样暖和',
		state: 'in_progress',
		askedDaysAgo: 60,
		movedDaysAgo: [45, 20, null],
		plan: ['大厅改成“客厅”：沙发、茶水、冬天有暖气', '二居社区党支部', 1],
		kioskAsks: 0,
		kioskVotes: 7,
		phoneVotes: 3,
		atMeeting: 9
	},
	{
		site: 'qiaocheng',
		theme: 'culture',
		title: '希望有人教老年人用智能手机，挂号、视频都不会',
		state: 'adopted',
		askedDaysAgo: 40,
		movedDaysAgo: [10, null, null],
		plan: ['每月服务日加一场“手机课”，党员志愿者一对一教', '桥城社区党支部', 1],
		kioskAsks: 2,
		kioskVotes: 11,
		phoneVotes: 5
	},
	{
		site: 'qiaocheng',
		theme: 'culture',
		title: '晚上想有个地方跳广场舞',
		state: 'collecting',
		askedDaysAgo: 12,
		kioskAsks: 1,
		kioskVotes: 5,
		phoneVotes: 1
	},
	{
		site: 'qiaocheng',
		theme: 'care',
		title: '希望每个月有理发师来给老人理发',
		state: 'collecting',
		askedDaysAgo: 8,
		kioskAsks: 1,
		kioskVotes: 3,
		phoneVotes: 0
	},
	{
		site: 'qiaocheng',
		theme: 'environment',
		title: '广场边上多放几个垃圾桶',
		state: 'collecting',
		askedDaysAgo: 3,
		kioskAsks: 1,
		kioskVotes: 1,
		phoneVotes: 1
	},
	{
		site: 'qiaocheng',
		theme: 'culture',
		title: '想在广场装个大屏幕晚上放电影',
		state: 'declined',
		askedDaysAgo: 50,
		kioskAsks: 1,
		kioskVotes: 2,
		phoneVotes: 0,
		declineReason:
			'广场边就是住户，晚上放电影会吵到休息的老人和孩子。文化室每周五晚上放电影，欢迎来看。'
	},
	{
		site: 'erju',
		theme: 'service',
		title: '社区里能不能有个代缴水电费的地方',
		state: 'collecting',
		askedDaysAgo: 15,
		kioskAsks: 1,
		kioskVotes: 4,
		phoneVotes: 2,
		atMeeting: 3
	}
];

const DEMO_KIOSK_PHONE = 'demo-phone-';

export async function seedNeeds(
	tx: Repos,
	siteIds: ReadonlyMap<string, number>,
	now: number
): Promise<void> {
	const meetings = new Map<string, number>();
	for (const slug of new Set(NEEDS.filter((n) => n.atMeeting).map((n) => n.site))) {
		const siteId = siteIds.get(slug);
		if (siteId === undefined) continue;
		meetings.set(
			slug,
			await tx.needs.insertMeeting({
				siteId,
				title: '居民座谈会',
				heldOn: shanghaiDate(now - 62 * DAY_MS),
				attendees: 14,
				staffId: null,
				at: now - 62 * DAY_MS
			})
		);
	}
	let phone = 0;
	for (const n of NEEDS) {
		const siteId = siteIds.get(n.site);
		if (siteId === undefined) continue;
		const asked = now - n.askedDaysAgo * DAY_MS;
		const id = await tx.needs.insertNeed({ siteId, theme: n.theme, title: n.title, at: asked });
		const ask = async (channel: 'kiosk' | 'meeting', people: number, at: number) =>
			tx.needs.insertAsk({
				id: newWishId(at),
				needId: id,
				siteId,
				channel,
				kioskId: null,
				meetingId: channel === 'meeting' ? (meetings.get(n.site) ?? null) : null,
				text: n.title,
				people,
				voiceMs: null,
				voiceMime: null,
				listenCode: newCode(),
				at
			});
		for (let i = 0; i < n.kioskAsks; i++) await ask('kiosk', 1, asked + i * 3_600_000);
		if (n.atMeeting) await ask('meeting', n.atMeeting, now - 62 * DAY_MS);
		for (let i = 0; i < n.kioskVotes + n.phoneVotes; i++) {
			const at = asked + (i + 1) * 5_400_000;
			const byPhone = i >= n.kioskVotes;
			await tx.needs.insertVote({
				needId: id,
				channel: byPhone ? 'phone' : 'kiosk',
				kioskId: null,
				phoneKey: byPhone ? `${DEMO_KIOSK_PHONE}${phone++}` : null,
				day: shanghaiDate(at),
				at
			});
		}
		const fields: Partial<NeedFields> = { state: n.state };
		if (n.movedDaysAgo) {
			const [adopted, started, done] = n.movedDaysAgo;
			fields.adopted_at = now - adopted * DAY_MS;
			if (started !== null) fields.started_at = now - started * DAY_MS;
			if (done !== null) fields.done_at = now - done * DAY_MS;
		}
		if (n.plan) {
			const [plan, owner, inMonths] = n.plan;
			fields.plan = plan;
			fields.owner = owner;
			fields.target_month = shanghaiDate(now + inMonths * 30 * DAY_MS).slice(0, 7);
		}
		if (n.doneNote) fields.done_note = n.doneNote;
		if (n.declineReason) {
			fields.decline_reason = n.declineReason;
			fields.declined_at = asked + 7 * DAY_MS;
		}
		if (n.became && 'service' in n.became) {
			const name = n.became.service;
			fields.service_id = (await tx.stations.siteServices(siteId)).find((s) => s.name === name)?.id;
		} else if (n.became) {
			const title = n.became.activity;
			fields.activity_id = (await tx.activities.siteActivities(siteId)).find(
				(a) => a.title === title
			)?.id;
		}
		fields.seq = await tx.stations.appendStationEvent({
			siteId,
			type: 'need_raised',
			subject: `need:${id}`,
			actor: 'demo',
			data: { demo: true },
			at: asked
		});
		await tx.needs.updateNeed(id, fields, now);
	}
}
