/**
 * The demo's key households (结对帮扶): twenty over the five villages, most paired with a party
 * member, with visits over the last months — a few with none this month or last (overdue), a few
 * unpaired, and income figures for the before/after.
 */
import { newCode } from '../../shared/domain/codes.ts';
import type { HouseholdTag } from '../../shared/domain/pairing.ts';
import type { Repos } from '../store/store.ts';

type Demo = [
	site: string,
	head: string,
	people: number,
	tags: HouseholdTag[],
	member: string | null,
	aim: string,
	/** Days ago of the visits (none: never visited since pairing). */
	visits: number[],
	income?: [year: number, yuan: number][]
];

const HOUSEHOLDS: Demo[] = [
	['shuanglong', '郭德明', 2, ['独居老人', '低保户'], 'DY001', '生活照料，定期探望', [3, 33, 64]],
	[
		'shuanglong',
		'罗长贵',
		4,
		['脱贫户'],
		'DY001',
		'草蔸萝卜种植增收',
		[10, 40],
		[
			[2024, 18000],
			[2025, 26000]
		]
	],
	[
		'shuanglong',
		'冉秀珍',
		3,
		['脱贫户'],
		'DY001',
		'草蔸萝卜种植增收',
		[5, 38],
		[
			[2024, 15000],
			[2025, 23500]
		]
	],
	['shuanglong', '何大娘', 1, ['独居老人'], 'DY002', '生活照料', [70]],
	['shuanglong', '谭小军', 3, ['留守儿童'], 'DY003', '学习辅导', [2, 30]],
	['tieshiya', '陈老汉', 2, ['特困', '残疾'], 'DY004', '就医陪同', [12, 45]],
	['tieshiya', '张桂兰', 1, ['独居老人'], 'DY005', '生活照料', []],
	[
		'tieshiya',
		'李二娃',
		5,
		['脱贫户'],
		'DY005',
		'果树管护',
		[8],
		[
			[2024, 21000],
			[2025, 24000]
		]
	],
	['tieshiya', '王幺妹', 2, ['低保户'], null, '', []],
	['shifang', '杨光荣', 3, ['脱贫户'], 'DY006', '养蜂技术', [4, 35]],
	['shifang', '周婆婆', 1, ['独居老人'], 'DY007', '生活照料', [90]],
	['shifang', '赵小花', 4, ['留守儿童'], 'DY006', '学习辅导', [15]],
	['shifang', '刘天福', 2, ['残疾'], null, '', []],
	['erju', '黄大爷', 2, ['低保户'], 'DY008', '政策宣传', [6, 36]],
	['erju', '孙翠英', 1, ['独居老人'], 'DY009', '生活照料', [20, 50]],
	['erju', '邓家宝', 3, ['留守儿童'], 'DY008', '学习辅导', [1]],
	['sanju', '吴老伯', 2, ['特困'], 'DY010', '就医陪同', [9, 39]],
	[
		'sanju',
		'徐素芬',
		4,
		['脱贫户'],
		'DY011',
		'家政培训就业',
		[75],
		[
			[2024, 16000],
			[2025, 19800]
		]
	],
	['sanju', '马桂香', 1, ['独居老人'], 'DY010', '生活照料', [11]],
	['sanju', '彭小龙', 3, ['留守儿童'], null, '', []]
];

const DAY = 86400_000;

export async function seedHouseholds(
	tx: Repos,
	siteIds: Map<string, number>,
	memberIds: Map<string, number>,
	now: number
): Promise<void> {
	for (const [i, [site, head, people, tags, member, aim, visits, income]] of HOUSEHOLDS.entries()) {
		const since = now - 120 * DAY;
		const id = await tx.households.insertHousehold(
			{
				siteId: siteIds.get(site)!,
				headName: head,
				address: `${i + 1} 组 ${10 + i} 号`,
				phone: `1370000${String(i + 1).padStart(4, '0')}`,
				people,
				tags,
				notes: '',
				doorCode: newCode()
			},
			since
		);
		for (const [year, yuan] of income ?? []) await tx.households.setIncome(id, year, yuan);
		if (!member) continue;
		const memberId = memberIds.get(member)!;
		const pairingId = await tx.households.insertPairing({
			householdId: id,
			memberId,
			aim,
			cadenceDays: null,
			at: since
		});
		for (const daysAgo of visits) {
			await tx.households.insertVisit({
				householdId: id,
				pairingId,
				memberId,
				at: now - daysAgo * DAY,
				kinds: aim.includes('增收') || aim.includes('技术') ? ['生产指导'] : ['生活照料'],
				note: '',
				byCard: daysAgo % 2 === 0
			});
		}
	}
}
