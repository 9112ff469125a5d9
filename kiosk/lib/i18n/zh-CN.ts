/** Every user-facing string of the app. A second language is a second file with the same keys. */
import { deskZhCN } from './desk.zh-CN.ts';

export const zhCN = {
	appName: '心愿墙',
	/** The command-center desk (its own file: it is long and only staff read it). */
	desk: deskZhCN,
	wall: {
		counterWishes: '今年心愿',
		counterClaimed: '已认领',
		counterFulfilled: '已实现',
		empty: '这里还没有心愿，点下面的按钮说出您的心愿',
		scanToClaim: '党员扫码认领',
		claimedBy: '{name} 已认领',
		fulfilled: '已实现',
		voiceBadge: '语音心愿 · {s} 秒',
		offline: '网络断开了，心愿仍可提交，恢复后会自动同步',
		online: '网络已恢复',
		connecting: '正在连接…'
	},
	kind: {
		wish: '微心愿',
		wishHint: '需要帮忙？比如：帮忙买菜、辅导孩子',
		report: '反映问题',
		reportHint: '发现问题？比如：路灯不亮、水沟堵了'
	},
	status: {
		open: '待认领',
		claimed: '已认领',
		dispatched: '已派单',
		contacted: '已联系',
		in_progress: '进行中',
		resolved: '已完成',
		closed: '已评价',
		reopened: '重新处理',
		rejected: '未受理',
		merged: '已合并'
	},
	age: {
		now: '刚刚',
		minute: '{n} 分钟前',
		hour: '{n} 小时前',
		day: '{n} 天前'
	},
	intake: {
		back: '返回',
		home: '回首页',
		next: '下一步',
		chooseCategory: '请选择是哪一类事情',
		writeTitle: '请说一说或写一写',
		textPlaceholder: '在这里写下您的心愿或问题',
		phrases: '点一下，快速填写：',
		contactTitle: '留个联系方式（可以不填）',
		contactWhy: '只有工作人员和帮您的党员能看到',
		name: '称呼',
		phone: '电话',
		skip: '不留了',
		confirmTitle: '请确认',
		submit: '提交',
		edit: '返回修改',
		sending: '正在提交…',
		doneTitle: '提交成功，谢谢您！',
		yourTicket: '您的号码',
		doneHint: '请取走小票，凭小票可以查进度',
		backToWall: '{s} 秒后回到首页'
	},
	wallNav: {
		track: '查进度 / 评价',
		trackHint: '凭小票查看办理进度',
		trackSoon: '查进度和评价功能马上开放，请先找工作人员帮忙查询。',
		page: '第 {n} / {total} 页',
		celebrate: '又一个心愿实现了！',
		online: '网络已恢复'
	},
	say: {
		title: '请说一说，或者写一写',
		recordStart: '点一下，开始说话',
		recordStop: '说完了，点这里',
		recording: '正在录音',
		seconds: '{s} 秒',
		maxHint: '最长 90 秒',
		recorded: '已录好 {s} 秒',
		play: '听一听',
		stopPlay: '停止播放',
		rerecord: '重新录',
		remove: '删掉录音',
		or: '也可以写字：',
		count: '已写 {n} 字（最多 500 字）',
		next: '下一步'
	},
	voice: {
		micDenied: '没能打开麦克风。请写字，或请工作人员帮忙打开麦克风。',
		micMissing: '这台机器没有麦克风。请写字，或请工作人员帮忙。',
		micInsecure: '这台机器的设置不允许录音。请写字，或请工作人员帮忙。',
		tooShort: '录音太短了，请再点一次按钮，慢慢说。',
		uploadFailed: '录音没有传上去，请再点一次“提交”。如果还不行，请联系工作人员。',
		badge: '语音心愿 · {s} 秒'
	},
	contact: {
		title: '留个联系方式（可以不填）',
		why: '只有工作人员和帮您的人能看到',
		name: '称呼（例如：王奶奶）',
		phone: '电话',
		delete: '删一位',
		clear: '清空',
		done: '填好了',
		skip: '不留了'
	},
	confirm: {
		title: '请确认您的心愿',
		kind: '类型',
		category: '类别',
		content: '内容',
		contact: '联系方式',
		noContact: '没有留',
		addContact: '留联系方式（可不填）',
		editContact: '修改联系方式',
		edit: '返回修改',
		submit: '提交',
		sending: '正在提交…'
	},
	done: {
		title: '提交成功，谢谢您！',
		ticket: '您的号码',
		printing: '正在打印小票，请取走小票',
		printed: '请取走小票，凭小票可以查进度',
		reprint: '再打一张',
		home: '回首页',
		backIn: '{s} 秒后回到首页'
	},
	idle: {
		title: '还需要时间吗？',
		hint: '点一下屏幕任意地方，就可以继续',
		countdown: '{s} 秒后回到首页，刚才填的内容会清除',
		keep: '继续填写'
	},
	slip: {
		ticket: '号码',
		category: '类别',
		voice: '语音心愿',
		claim: '党员扫码认领',
		track: '扫码查进度、评价',
		code: '编号',
		willSync: '网络恢复后自动上传'
	},
	readAloud: {
		button: '读给我听',
		stop: '停止朗读',
		unavailable: '这台机器暂时不能朗读',
		prompts: {
			wall: '您好！想请人帮忙，请点红色的微心愿按钮；发现问题，请点蓝色的反映问题按钮。',
			category: '请选择是哪一类事情，点一下对应的大按钮。',
			say: '请点一下红色的圆形按钮，开始说话，说完再点一下。也可以在下面写字。',
			contact: '可以留下称呼和电话，只有工作人员和帮您的人能看到。不想留，请点不留了。',
			confirm: '请确认您的心愿。没有问题，请点提交。',
			done: '提交成功，谢谢您！请取走小票。',
			idle: '还需要时间吗？点一下屏幕，就可以继续。',
			track: '查进度和评价功能马上开放。'
		}
	},
	phone: {
		title: '网上提交心愿',
		intro: '在手机上说出或写下心愿，工作人员会尽快处理',
		trackTitle: '保存这个链接，可以随时查进度',
		trackLink: '查进度、评价',
		rateLimited: '提交太频繁了，请过几分钟再试',
		notFound: '没有找到这个服务点',
		posterTitle: '扫码提交微心愿、反映问题',
		posterHint: '用手机微信扫一扫，说一句话或写几个字就能提交',
		posterFooter: '提交后可以随时查看进度并评价'
	},
	errors: {
		empty_wish: '请说一句话或写几个字，再提交',
		text_too_long: '写得太长了，请控制在 500 字以内',
		text_bad_characters: '内容里有无法识别的字符，请删掉后再试',
		name_too_long: '称呼太长了，请写 20 个字以内',
		bad_phone: '电话只能填数字（7 到 12 位）',
		invalid_payload: '内容有误，请检查后再提交',
		unauthorized: '这台设备还没有登记，请联系工作人员',
		protocol_mismatch: '这台设备的程序需要更新，请联系工作人员',
		conflict: '号码重复了，请联系工作人员',
		unavailable: '服务器暂时忙，请稍后再试',
		timeout: '连不上服务器，请稍后再试，或联系工作人员',
		generic: '出了点问题，请再试一次'
	}
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof zhCN>;
