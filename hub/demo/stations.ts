/**
 * The demo's warm stations: 桥城广场暖心驿站 with its full service list, the 暖心驿站 corner of the
 * 二居社区 center, the monthly 先锋志愿服务日, the weekday 四点半课堂 and a one-off 义诊.
 */
import { shanghaiDate } from '../../shared/domain/figures.ts';
import type { Schedule } from '../../shared/domain/recurrence.ts';
import { hashSecret } from '../infra/secrets.ts';

import type { Repos } from '../store/store.ts';

/** Unlocks the staff panel on the demo station kiosks. */
export const DEMO_STATION_PIN = '2468';

const SERVICES: Record<string, [icon: string, name: string, hours: string][]> = {
	qiaocheng: [
		['microwave', '微波炉热饭', '每天 11:00-13:30；每天 17:00-19:30'],
		['water', '饮用水', '全天'],
		['charging', '手机充电', '每天 06:00-22:00'],
		['seats', '休息座椅', '全天'],
		['toilet', '卫生间', '每天 05:30-22:30'],
		['class', '四点半课堂', '周一至周五 16:30-18:00'],
		['health', '健康角·量血压', '每天 08:30-17:30'],
		['farming', '农技微课堂', '周六 09:00-11:00']
	],
	erju: [
		['water', '饮用水', '每天 08:00-18:00'],
		['microwave', '微波炉热饭', '每天 11:00-13:30'],
		['charging', '手机充电', '每天 08:00-18:00'],
		['seats', '休息座椅', '每天 08:00-18:00']
	]
};

const DAY_MS = 86_400_000;

function serviceDay(from: string): Schedule {
	return { kind: 'monthly', day: 15, time: '09:00', minutes: 180, from, until: null, except: [] };
}

export async function seedStations(
	tx: Repos,
	siteIds: ReadonlyMap<string, number>,
	now: number
): Promise<void> {
	const pinHash = await hashSecret(DEMO_STATION_PIN);
	for (const [slug, services] of Object.entries(SERVICES)) {
		const siteId = siteIds.get(slug);
		if (siteId === undefined) continue;
		for (const [i, [icon, name, hours]] of services.entries()) {
			await tx.stations.insertService({ siteId, icon, name, hours, position: i * 10 }, now);
		}
		await tx.stations.setStaffPinHash(siteId, pinHash, now);
	}
	const from = shanghaiDate(now - 365 * DAY_MS);
	const qiaocheng = siteIds.get('qiaocheng');
	const erju = siteIds.get('erju');
	if (qiaocheng !== undefined) {
		await tx.activities.insertActivity(
			qiaocheng,
			{
				title: '先锋志愿服务日',
				description: '党员志愿者集中服务：义诊量血压、小家电维修、理发、农技咨询、助学答疑。',
				place: '桥城广场',
				services: ['义诊', '维修', '理发', '农技', '助学'],
				schedule: serviceDay(from),
				capacity: 30,
				active: true
			},
			now
		);
		await tx.activities.insertActivity(
			qiaocheng,
			{
				title: '四点半课堂',
				description: '放学后来驿站写作业，志愿者老师辅导，家长下班来接。',
				place: '驿站活动室',
				services: ['助学'],
				schedule: {
					kind: 'weekly',
					days: [1, 2, 3, 4, 5],
					time: '16:30',
					minutes: 90,
					from,
					until: null,
					except: []
				},
				capacity: 12,
				active: true
			},
			now
		);
		await tx.activities.insertActivity(
			qiaocheng,
			{
				title: '社区义诊',
				description: '卫生院医生来驿站：量血压、测血糖、用药咨询。',
				place: '桥城广场东侧',
				services: ['义诊'],
				schedule: {
					kind: 'once',
					date: shanghaiDate(now + 5 * DAY_MS),
					time: '09:00',
					minutes: 150
				},
				capacity: 40,
				active: true
			},
			now
		);
	}
	if (erju !== undefined) {
		await tx.activities.insertActivity(
			erju,
			{
				title: '先锋志愿服务日',
				description: '社区党员志愿者集中服务：家电维修、代办咨询、陪老人聊天。',
				place: '二居社区服务大厅',
				services: ['维修', '代办', '助老'],
				schedule: serviceDay(from),
				capacity: 30,
				active: true
			},
			now
		);
	}
}
