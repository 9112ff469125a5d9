/**
 * When each step of a wish happened, on its timeline and in its notes: "11月25日 14:05" in China
 * time, whatever the server's or the phone's zone.
 */
const FORMAT = new Intl.DateTimeFormat('en-US', {
	timeZone: 'Asia/Shanghai',
	month: 'numeric',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

export function formatWhen(at: number): string {
	const p = Object.fromEntries(FORMAT.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
	return `${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}
