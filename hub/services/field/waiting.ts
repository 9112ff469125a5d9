/**
 * Hops nobody of the post accepted in time (30 min urgent, 4 h otherwise, as the desk settings
 * say) raise one alert each for the desk. The queue shows them as 未接单 by itself, from the hop.
 */
import { acceptDueAt } from '../../../shared/domain/sla.ts';
import type { FieldDeps } from './deps.ts';

/** One pass; resolves with how many alerts it raised. */
export async function alertUnaccepted(d: FieldDeps): Promise<number> {
	const settings = await d.store.settings.deskSettings();
	const limits = {
		urgentMinutes: settings.acceptUrgentMinutes,
		normalMinutes: settings.acceptMinutes
	};
	const at = d.now();
	let raised = 0;
	for (const hop of await d.store.field.waitingHops()) {
		if (at <= acceptDueAt(hop.hop_sent_at, hop.urgent === 1, limits)) continue;
		const minutes = Math.round((at - hop.hop_sent_at) / 60_000);
		const done = await d.store.transaction(async (tx) => {
			// A worker may have taken it since the read: then there is nothing to report.
			if (!(await tx.field.markHopAlerted(hop.wish_id, hop.hop_sent_at, at))) return false;
			await tx.alerts.insertAlert(
				{
					kind: 'hop_not_accepted',
					siteId: hop.site_id,
					kioskId: null,
					wishId: hop.wish_id,
					detail: `${hop.ticket_no} · ${hop.post_name} · ${minutes} min`
				},
				at
			);
			return true;
		});
		if (done) raised += 1;
	}
	return raised;
}
