/**
 * The category vocabulary shown as tiles on the kiosk and used by the desk's SLA clocks.
 * Icons are files in static/icons/<icon>.svg. SLA hours are defaults; the desk may override them.
 */
export const CATEGORY_IDS = [
	'care',
	'repair',
	'sanitation',
	'lights',
	'education',
	'health',
	'farming',
	'other'
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface Category {
	id: CategoryId;
	/** Short label for the tile (two to four characters). */
	label: string;
	icon: string;
	/** First-response target in hours for a normal item. */
	responseHours: number;
	/** First-response target in hours for an urgent item. */
	urgentHours: number;
	/** Tap-to-insert phrases for the text box. */
	phrases: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
	{
		id: 'care',
		label: '生活照料',
		icon: 'care',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['需要人陪伴', '帮忙买菜', '打扫房间', '代办事务', '过生日']
	},
	{
		id: 'repair',
		label: '维修',
		icon: 'repair',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['水管漏水', '电灯不亮', '门窗坏了', '电器坏了', '屋顶漏雨']
	},
	{
		id: 'sanitation',
		label: '环境卫生',
		icon: 'sanitation',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['垃圾没清运', '水沟堵了', '路面脏乱', '有异味']
	},
	{
		id: 'lights',
		label: '路灯设施',
		icon: 'lights',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['路灯不亮', '井盖坏了', '路面破损', '健身器材坏了']
	},
	{
		id: 'education',
		label: '助学',
		icon: 'education',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['辅导作业', '需要书包文具', '需要课外书', '学费困难']
	},
	{
		id: 'health',
		label: '医疗健康',
		icon: 'health',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['量血压', '代买药品', '陪同看病', '健康咨询']
	},
	{
		id: 'farming',
		label: '农技',
		icon: 'farming',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['庄稼生病', '果树修剪', '农机维修', '种植技术']
	},
	{
		id: 'other',
		label: '其他',
		icon: 'other',
		responseHours: 24,
		urgentHours: 2,
		phrases: ['想咨询政策', '邻里纠纷', '其他困难']
	}
];

export function categoryById(id: CategoryId): Category {
	const found = CATEGORIES.find((c) => c.id === id);
	if (!found) throw new Error(`unknown category ${id}`);
	return found;
}
