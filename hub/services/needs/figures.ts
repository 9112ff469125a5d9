/** 需求清单 figures for the desk: needs first asked in a range, in total, per site and per theme. */
import {
	needFigures,
	needFiguresBy,
	type NeedFigureRow,
	type NeedFigures
} from '../../../shared/domain/needs.ts';
import { shanghaiRange } from '../../../shared/domain/figures.ts';
import type { Outcome } from '../../../shared/errors.ts';
import type { FiguresQuery, StaffPrincipal } from '../../../shared/schemas/desk.ts';
import { checkRange } from '../figures/query.ts';
import { requireRole } from '../staff/roles.ts';
import type { NeedDeps } from './deps.ts';

export interface NeedFiguresReport {
	total: NeedFigures;
	bySite: { key: string; figures: NeedFigures }[];
	byTheme: { key: string; figures: NeedFigures }[];
	rows: (NeedFigureRow & { id: number; title: string })[];
}

export async function figures(
	d: NeedDeps,
	who: StaffPrincipal,
	q: Pick<FiguresQuery, 'from' | 'to' | 'site'>
): Promise<Outcome<NeedFiguresReport>> {
	const refused = requireRole(who, 'dispatcher') ?? checkRange(q);
	if (refused) return refused;
	const { start, end } = shanghaiRange(q.from, q.to);
	const rows = (await d.store.needs.figureRows(start, end))
		.filter((r) => !q.site || r.site_slug === q.site)
		.map((r) => ({
			id: r.id,
			title: r.title,
			siteSlug: r.site_slug,
			theme: r.theme,
			state: r.state,
			asked: r.asked,
			firstAskedAt: r.first_asked_at,
			adoptedAt: r.adopted_at,
			doneAt: r.done_at
		}));
	return {
		ok: true,
		value: {
			total: needFigures(rows),
			bySite: needFiguresBy(rows, (r) => r.siteSlug),
			byTheme: needFiguresBy(rows, (r) => r.theme),
			rows
		}
	};
}
