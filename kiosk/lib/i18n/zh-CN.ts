/** Every user-facing string of the app. A second language is a second file with the same keys. */
export const zhCN = {
	appName: '心愿墙',
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
