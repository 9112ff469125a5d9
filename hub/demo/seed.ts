/**
 * The demo township, loaded into an empty database: sites from the design, posts, members,
 * enrolled kiosks and wishes in every status, each change recorded in the event log.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newCode, newWishId, formatTicket } from '../../shared/domain/codes.ts';
import type { CategoryId } from '../../shared/domain/categories.ts';
import type { WishAction, WishKind } from '../../shared/domain/wish.ts';
import { enrolKiosk } from '../services/kiosks.ts';
import { hashSecret } from '../infra/secrets.ts';
import type { WishService } from '../services/wishes/service.ts';
import type { WishPatch } from '../store/wishes.ts';

import { seedStations } from './stations.ts';
import type { Repos, Store } from '../store/store.ts';

export const DEMO_KIOSKS_FILE = 'demo-kiosks.json';

/** The demo's dispatcher, printed by `npm start` (the admin's password is made at first start). */
export const DEMO_DISPATCHER = {
	username: 'dispatcher',
	password: 'wishwall-demo',
	displayName: '值班调度员'
} as const;
/** Every demo member (DY001…DY012) signs in at /m with this PIN. */
export const DEMO_MEMBER_PIN = '1234';

export interface DemoKiosk {
	site: string;
	siteName: string;
	name: string;
	token: string;
}

const SITES = [
	{
		slug: 'shuanglong',
		name: '双龙村党群服务中心',
		kind: 'center',
		village: '双龙村',
		address: '双龙村村委会一楼'
	},
	{
		slug: 'tieshiya',
		name: '铁石垭村党群服务中心',
		kind: 'center',
		village: '铁石垭村',
		address: '铁石垭村便民服务点'
	},
	{
		slug: 'shifang',
		name: '石房村党群服务中心',
		kind: 'center',
		village: '石房村',
		address: '石房村文化院坝'
	},
	{
		slug: 'erju',
		name: '二居社区党群服务中心',
		kind: 'center',
		village: '二居社区',
		address: '二居社区服务大厅'
	},
	{
		slug: 'sanju',
		name: '三居社区党群服务中心',
		kind: 'center',
		village: '三居社区',
		address: '三居社区活动室'
	},
	{
		slug: 'qiaocheng',
		name: '桥城广场暖心驿站',
		kind: 'station',
		village: '二居社区',
		address: '桥城广场东侧'
	}
] as const;

const KIOSKS = [
	{ site: 'shuanglong', name: '双龙村大厅一号机', prefix: 'A' },
	{ site: 'shuanglong', name: '双龙村大厅二号机', prefix: 'B' },
	{ site: 'tieshiya', name: '铁石垭村一号机', prefix: 'C' },
	{ site: 'shifang', name: '石房村一号机', prefix: 'D' },
	{ site: 'erju', name: '二居社区一号机', prefix: 'E' },
	{ site: 'sanju', name: '三居社区一号机', prefix: 'F' },
	{ site: 'qiaocheng', name: '桥城广场驿站屏', prefix: 'G' }
] as const;

const POSTS = ['城市管理岗', '网格员', '村委会', '民政办', '卫生院', '农业服务中心'];

const MEMBERS: [string, string, string, string][] = [
	['DY001', '王建华', 'shuanglong', '维修,农技'],
	['DY002', '李秀英', 'shuanglong', '生活照料'],
	['DY003', '张志强', 'shuanglong', '助学'],
	['DY004', '刘红梅', 'tieshiya', '医疗健康'],
	['DY005', '陈国平', 'tieshiya', '维修'],
	['DY006', '杨丽', 'shifang', '生活照料,助学'],
	['DY007', '赵永刚', 'shifang', '农技'],
	['DY008', '黄小燕', 'erju', '助学'],
	['DY009', '周建军', 'erju', '维修'],
	['DY010', '吴春兰', 'sanju', '生活照料'],
	['DY011', '徐明', 'sanju', '环境卫生'],
	['DY012', '孙德胜', 'qiaocheng', '维修,环境卫生']
];

interface DemoWish {
	site: string;
	kind: WishKind;
	category: CategoryId;
	text: string;
	name: string;
	phone: string;
	hoursAgo: number;
	voiceMs?: number;
	/** Later steps: action, hours after submission, and who. */
	steps?: {
		action: WishAction;
		after: number;
		member?: string;
		post?: string;
		stars?: number;
		reason?: string;
	}[];
}

const WISHES: DemoWish[] = [
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'education',
		text: '想给两个孩子收拾一间整洁的书房，缺一张书桌和台灯',
		name: '郭大娘',
		phone: '13800001111',
		hoursAgo: 3
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'care',
		text: '老伴八十大寿，想请志愿者帮忙做一顿生日饭',
		name: '陈德福',
		phone: '13800002222',
		hoursAgo: 26
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'health',
		text: '',
		name: '李婆婆',
		phone: '',
		hoursAgo: 5,
		voiceMs: 18_000
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'repair',
		text: '家里水管漏水，自己修不好',
		name: '王大爷',
		phone: '13800003333',
		hoursAgo: 50,
		steps: [{ action: 'claim', after: 2, member: 'DY001' }]
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'care',
		text: '腿脚不便，想请人每周帮忙买一次菜',
		name: '赵奶奶',
		phone: '13800004444',
		hoursAgo: 80,
		steps: [
			{ action: 'claim', after: 1, member: 'DY002' },
			{ action: 'contact', after: 3, member: 'DY002' },
			{ action: 'start', after: 20, member: 'DY002' }
		]
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'education',
		text: '孙子上三年级，想找人辅导作业',
		name: '刘秀兰',
		phone: '13800005555',
		hoursAgo: 200,
		steps: [
			{ action: 'claim', after: 4, member: 'DY003' },
			{ action: 'resolve', after: 72, member: 'DY003' }
		]
	},
	{
		site: 'shuanglong',
		kind: 'wish',
		category: 'care',
		text: '想要一台收音机听戏',
		name: '孙爷爷',
		phone: '13800006666',
		hoursAgo: 300,
		steps: [
			{ action: 'claim', after: 2, member: 'DY002' },
			{ action: 'resolve', after: 48, member: 'DY002' },
			{ action: 'rate_good', after: 60, stars: 5 }
		]
	},
	{
		site: 'shuanglong',
		kind: 'report',
		category: 'sanitation',
		text: '田间水渠堵了，一下雨就淹庄稼',
		name: '周大哥',
		phone: '13800007777',
		hoursAgo: 30
	},
	{
		site: 'shuanglong',
		kind: 'report',
		category: 'lights',
		text: '村口到广场的路灯有三盏不亮',
		name: '',
		phone: '',
		hoursAgo: 10,
		steps: [{ action: 'dispatch', after: 1, post: '网格员' }]
	},
	{
		site: 'tieshiya',
		kind: 'wish',
		category: 'farming',
		text: '果树叶子发黄，想请农技员来看看',
		name: '何老汉',
		phone: '13900001111',
		hoursAgo: 8
	},
	{
		site: 'tieshiya',
		kind: 'wish',
		category: 'repair',
		text: '屋顶漏雨，下雨天得拿盆接',
		name: '冉大娘',
		phone: '13900002222',
		hoursAgo: 40,
		steps: [{ action: 'claim', after: 5, member: 'DY005' }]
	},
	{
		site: 'tieshiya',
		kind: 'report',
		category: 'sanitation',
		text: '路边垃圾三天没人清运了',
		name: '',
		phone: '',
		hoursAgo: 100,
		steps: [
			{ action: 'dispatch', after: 2, post: '城市管理岗' },
			{ action: 'resolve', after: 20, post: '城市管理岗' },
			{ action: 'rate_poor', after: 30, stars: 2 }
		]
	},
	{
		site: 'tieshiya',
		kind: 'report',
		category: 'other',
		text: '测试测试',
		name: '',
		phone: '',
		hoursAgo: 60,
		steps: [{ action: 'reject', after: 1, reason: '内容无法处理，请到窗口说明' }]
	},
	{
		site: 'shifang',
		kind: 'wish',
		category: 'education',
		text: '孩子想要一个新书包和文具',
		name: '谭女士',
		phone: '13700001111',
		hoursAgo: 12
	},
	{
		site: 'shifang',
		kind: 'wish',
		category: 'care',
		text: '独居老人，想有人每周来陪着说说话',
		name: '罗婆婆',
		phone: '',
		hoursAgo: 150,
		steps: [
			{ action: 'claim', after: 3, member: 'DY006' },
			{ action: 'resolve', after: 100, member: 'DY006' },
			{ action: 'rate_good', after: 110, stars: 4 }
		]
	},
	{
		site: 'erju',
		kind: 'report',
		category: 'lights',
		text: '三单元楼道灯坏了，晚上看不见台阶',
		name: '马先生',
		phone: '13600001111',
		hoursAgo: 4
	},
	{
		site: 'erju',
		kind: 'wish',
		category: 'health',
		text: '想请医生上门给老伴量量血压',
		name: '邓阿姨',
		phone: '13600002222',
		hoursAgo: 20,
		steps: [{ action: 'claim', after: 2, member: 'DY008' }]
	},
	{
		site: 'sanju',
		kind: 'report',
		category: 'repair',
		text: '小区健身器材的单杠松了，怕伤着孩子',
		name: '',
		phone: '',
		hoursAgo: 15
	},
	{
		site: 'sanju',
		kind: 'wish',
		category: 'care',
		text: '想学用智能手机跟外地的儿子视频',
		name: '胡大爷',
		phone: '13500001111',
		hoursAgo: 70,
		steps: [
			{ action: 'claim', after: 6, member: 'DY010' },
			{ action: 'resolve', after: 30, member: 'DY010' }
		]
	},
	{
		site: 'qiaocheng',
		kind: 'report',
		category: 'sanitation',
		text: '驿站旁边的公厕水箱坏了',
		name: '',
		phone: '',
		hoursAgo: 6,
		steps: [
			{ action: 'dispatch', after: 0.5, post: '城市管理岗' },
			{ action: 'start', after: 1.5, post: '城市管理岗' }
		]
	}
];

async function isEmpty(store: Store): Promise<boolean> {
	return (await store.sites.listSites()).length === 0;
}

/** Loads the demo township into an empty database; returns the kiosks it enrolled (with tokens). */
export async function seedDemoIfEmpty(
	store: Store,
	wishes: WishService,
	dataDir: string,
	now: number
): Promise<DemoKiosk[]> {
	if (!(await isEmpty(store))) return [];
	const kiosks = await store.transaction((tx) => seed(tx, wishes, now));
	// The plain tokens exist only here, so `npm start` can print working kiosk links every time.
	await writeFile(join(dataDir, DEMO_KIOSKS_FILE), JSON.stringify(kiosks, null, 2), {
		mode: 0o600
	});
	return kiosks;
}

async function seed(tx: Repos, wishes: WishService, now: number): Promise<DemoKiosk[]> {
	const siteIds = new Map<string, number>();
	for (const s of SITES) siteIds.set(s.slug, await tx.sites.insertSite(s, now));
	const postIds = new Map<string, number>();
	for (const name of POSTS) {
		postIds.set(name, await tx.posts.insertPost(name, null));
	}
	const memberIds = new Map<string, number>();
	// One hash for all demo members: the demo PIN is public anyway, and seeding stays fast.
	const demoPinHash = await hashSecret(DEMO_MEMBER_PIN);
	for (const [no, name, site, skills] of MEMBERS) {
		const id = await tx.members.insertMember(
			{
				memberNo: no,
				displayName: name,
				phone: `1580000${no.slice(2).padStart(4, '0')}`,
				siteId: siteIds.get(site)!,
				skills,
				pinHash: demoPinHash
			},
			now
		);
		memberIds.set(no, id);
	}
	const demo: DemoKiosk[] = [];
	const kioskIds = new Map<string, { id: number; prefix: string; counter: number }>();
	for (const k of KIOSKS) {
		const { id, token } = await enrolKiosk(
			tx,
			{ siteId: siteIds.get(k.site)!, name: k.name, ticketPrefix: k.prefix },
			now
		);
		if (!kioskIds.has(k.site)) kioskIds.set(k.site, { id, prefix: k.prefix, counter: 0 });
		demo.push({
			site: k.site,
			siteName: SITES.find((s) => s.slug === k.site)!.name,
			name: k.name,
			token
		});
	}

	const sorted = [...WISHES].sort((a, b) => b.hoursAgo - a.hoursAgo);
	for (const w of sorted) {
		const kiosk = kioskIds.get(w.site)!;
		kiosk.counter += 1;
		const at = now - w.hoursAgo * 3600_000;
		const id = newWishId(at);
		const r = await wishes.submitInTx(
			tx,
			{
				siteId: siteIds.get(w.site)!,
				kioskId: kiosk.id,
				channel: 'kiosk',
				actor: `kiosk:${kiosk.id}`
			},
			{
				id,
				kind: w.kind,
				category: w.category,
				text: w.text,
				voice: w.voiceMs ? { durationMs: w.voiceMs, mime: 'audio/webm' } : null,
				contactName: w.name,
				contactPhone: w.phone,
				ticketNo: formatTicket(kiosk.prefix, kiosk.counter),
				claimCode: newCode(),
				trackCode: newCode(),
				createdAt: at
			},
			at
		);
		if (!r.ok) throw new Error(`demo wish failed: ${r.message}`);
		for (const step of w.steps ?? []) {
			const stepAt = at + step.after * 3600_000;
			const patch: WishPatch = {};
			if (step.member) patch.member_id = memberIds.get(step.member)!;
			if (step.post) patch.post_id = postIds.get(step.post)!;
			if (step.action === 'claim' || step.action === 'dispatch') patch.responded_at = stepAt;
			if (step.action === 'resolve') patch.resolved_at = stepAt;
			if (step.stars) Object.assign(patch, { rating: step.stars, rated_at: stepAt });
			if (step.reason) patch.reject_reason = step.reason;
			const actor = step.member ? `member:${step.member}` : step.post ? `desk:demo` : 'resident';
			const s = await wishes.actInTx(tx, {
				wishId: id,
				action: step.action,
				actor,
				patch,
				at: stepAt
			});
			if (!s.ok) throw new Error(`demo step ${step.action} failed: ${s.message}`);
		}
	}
	await seedStations(tx, siteIds, now);
	return demo;
}
