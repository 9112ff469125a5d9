/**
 * The demo township from the design: sites, kiosks, posts, members and wishes in every status,
 * as plain data that seed.ts loads through the hub's own use cases.
 */
import type { CategoryId } from '../../shared/domain/categories.ts';
import type { WishAction, WishKind } from '../../shared/domain/wish.ts';

export const SITES = [
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

export const KIOSKS = [
	{ site: 'shuanglong', name: '双龙村大厅一号机', prefix: 'A' },
	{ site: 'shuanglong', name: '双龙村大厅二号机', prefix: 'B' },
	{ site: 'tieshiya', name: '铁石垭村一号机', prefix: 'C' },
	{ site: 'shifang', name: '石房村一号机', prefix: 'D' },
	{ site: 'erju', name: '二居社区一号机', prefix: 'E' },
	{ site: 'sanju', name: '三居社区一号机', prefix: 'F' },
	{ site: 'qiaocheng', name: '桥城广场驿站屏', prefix: 'G' }
] as const;

export const POSTS = ['城市管理岗', '维修队', '村委会', '民政办', '卫生院', '农业服务中心'];

/** Each village's grid workers are a post of their own (网格员·双龙村), bound to its site. */
export const GRID_POSTS = [
	{ name: '网格员·双龙村', site: 'shuanglong' },
	{ name: '网格员·铁石垭村', site: 'tieshiya' },
	{ name: '网格员·石房村', site: 'shifang' },
	{ name: '网格员·二居社区', site: 'erju' },
	{ name: '网格员·三居社区', site: 'sanju' }
] as const;

/**
 * Field workers (sign in at /f with the demo PIN): a grid worker per village, a 城市管理岗 team of
 * two, a 维修队 of two — one of them (DY005) is also a party member, with one sign-in for both.
 */
export const WORKERS: { no: string; name: string; site: string | null; posts: string[] }[] = [
	{ no: 'WG01', name: '何光明', site: 'shuanglong', posts: ['网格员·双龙村'] },
	{ no: 'WG02', name: '冉玉兰', site: 'tieshiya', posts: ['网格员·铁石垭村'] },
	{ no: 'WG03', name: '谭家富', site: 'shifang', posts: ['网格员·石房村'] },
	{ no: 'WG04', name: '罗晓梅', site: 'erju', posts: ['网格员·二居社区'] },
	{ no: 'WG05', name: '邓小军', site: 'sanju', posts: ['网格员·三居社区'] },
	{ no: 'CG01', name: '马骏', site: null, posts: ['城市管理岗'] },
	{ no: 'CG02', name: '向东', site: null, posts: ['城市管理岗'] },
	{ no: 'WX01', name: '秦永福', site: null, posts: ['维修队'] }
];

/** Party members who also work in the field. */
export const MEMBER_POSTS: Record<string, string[]> = { DY005: ['维修队'] };

export const MEMBERS: [string, string, string, string][] = [
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

export interface DemoWish {
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
		/** A dispatch to a post: for an on-site check or the work (default). */
		step?: 'check' | 'work';
		/** A field worker's step (accept, arrive, start, resolve) on the hop they hold. */
		worker?: string;
		stars?: number;
		reason?: string;
	}[];
}

export const WISHES: DemoWish[] = [
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
		steps: [
			{ action: 'dispatch', after: 1, post: '网格员·双龙村', step: 'check' },
			{ action: 'accept', after: 1.2, worker: 'WG01' },
			{ action: 'arrive', after: 1.8, worker: 'WG01' }
		]
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
			{ action: 'accept', after: 2.5, worker: 'CG02' },
			{ action: 'resolve', after: 20, worker: 'CG02' },
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
			{ action: 'accept', after: 0.8, worker: 'CG01' },
			{ action: 'start', after: 1.5, worker: 'CG01' }
		]
	}
];
