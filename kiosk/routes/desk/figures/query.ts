/** The figures page's query from the address bar: defaults to the last 12 months (Shanghai). */
import * as v from 'valibot';
import { shanghaiDate } from '$shared/domain/figures.ts';
import { FiguresQuerySchema, type FiguresQuery } from '$shared/schemas/desk.ts';

export function defaultRange(now: number): { from: string; to: string } {
	const to = shanghaiDate(now);
	const [y, m] = to.split('-').map(Number) as [number, number];
	const start = new Date(Date.UTC(y, m - 12, 1));
	return { from: start.toISOString().slice(0, 10), to };
}

export function readQuery(url: URL, now: number): { query: FiguresQuery; bad: boolean } {
	const fallback = defaultRange(now);
	const raw = {
		from: url.searchParams.get('from') || fallback.from,
		to: url.searchParams.get('to') || fallback.to,
		...(url.searchParams.get('site') ? { site: url.searchParams.get('site')! } : {}),
		...(url.searchParams.get('category') ? { category: url.searchParams.get('category')! } : {})
	};
	const parsed = v.safeParse(FiguresQuerySchema, raw);
	return parsed.success ? { query: parsed.output, bad: false } : { query: fallback, bad: true };
}
