/** The SLA clocks' policies per category, as the desk settings keep them. */
import type { SlaPolicies } from '../../../shared/domain/sla.ts';
import type { CategorySettings } from '../../../shared/schemas/desk.ts';
import type { Repos } from '../../store/store.ts';

export function policiesFrom(settings: CategorySettings[]): SlaPolicies {
	return Object.fromEntries(
		settings.map((s) => [
			s.category,
			{
				responseHours: s.responseHours,
				urgentHours: s.urgentHours,
				resolutionHours: s.resolutionHours,
				onsiteHours: s.onsiteHours
			}
		])
	) as SlaPolicies;
}

/** The policies as stored now, read through `q` (the store or an open transaction). */
export async function slaPolicies(q: Repos): Promise<SlaPolicies> {
	return policiesFrom(await q.settings.categorySettings());
}
