/**
 * Wishes that staff bring into the queue: a walk-in or phone caller's, typed in at the desk, and
 * a kiosk's wish the hub refused and held (channel 'desk', ticket DK-…).
 */
import * as v from 'valibot';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import {
	DESK_TICKET_PREFIX,
	type DeskItem,
	type DeskSubmit,
	type StaffPrincipal
} from '../../../shared/schemas/desk.ts';
import { WishSubmitSchema } from '../../../shared/schemas/wishes.ts';
import { requireRole } from '../staff/roles.ts';
import { deskAct, type DispatchDeps } from './deps.ts';

/** Submits through the wish service's one write path, with an audit row naming the dispatcher. */
export async function submit(
	d: DispatchDeps,
	by: StaffPrincipal,
	input: DeskSubmit
): Promise<Outcome<DeskItem>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const site = await d.store.sites.siteBySlug(input.siteSlug);
	if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
	const r = await d.wishes.submitNumbered(
		{
			siteId: site.id,
			kioskId: null,
			channel: 'desk',
			actor: `staff:${by.id}`,
			data: { via: input.via },
			async after(tx, stored) {
				await tx.audit.appendAudit({
					staffId: by.id,
					action: 'wish.submit_on_behalf',
					targetType: 'wish',
					targetId: stored.id,
					before: null,
					after: { ticketNo: stored.ticketNo, via: input.via, siteSlug: input.siteSlug },
					at: stored.createdAt
				});
			}
		},
		DESK_TICKET_PREFIX,
		(fresh) => ({
			id: fresh.id,
			kind: input.kind,
			category: input.category,
			text: input.text,
			voice: null,
			contactName: input.contactName,
			contactPhone: input.contactPhone,
			ticketNo: fresh.ticketNo,
			claimCode: fresh.claimCode,
			trackCode: fresh.trackCode,
			createdAt: fresh.at
		})
	);
	if (!r.ok) return r;
	const id = r.value.wish.id;
	// Urgency is a desk edit of its own (the kiosk path has no such field): one more event.
	if (input.urgent) {
		return deskAct(d, by, {
			wishId: id,
			action: 'triage',
			audit: 'wish.triage',
			data: { category: input.category, urgent: true },
			patch: () => ({ urgent: 1 })
		});
	}
	return { ok: true, value: (await d.store.deskItems.deskItemById(id))! };
}

/**
 * Brings a held wish into the queue as the kiosk sent it, under a desk ticket: its id and codes
 * (and so the slip's QR codes and voice clip) are kept when nothing else holds them, the printed
 * ticket goes into the event beside the new one, and the alert closes in the same transaction.
 */
export async function acceptHeld(
	d: DispatchDeps,
	by: StaffPrincipal,
	alertId: number
): Promise<Outcome<DeskItem>> {
	const refused = requireRole(by, 'dispatcher');
	if (refused) return refused;
	const alert = await d.store.alerts.alertById(alertId);
	if (!alert || alert.kind !== 'wish_held' || alert.resolved_at !== null || !alert.payload) {
		return { ok: false, error: ErrorCode.notFound, message: 'no such held wish' };
	}
	let parsed: v.SafeParseResult<typeof WishSubmitSchema>;
	try {
		parsed = v.safeParse(WishSubmitSchema, JSON.parse(alert.payload));
	} catch {
		parsed = v.safeParse(WishSubmitSchema, null);
	}
	if (!parsed.success || alert.site_id === null) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'held_wish_unreadable' };
	}
	const held = parsed.output;
	const r = await d.wishes.submitNumbered(
		{
			siteId: alert.site_id,
			kioskId: null,
			channel: 'desk',
			actor: `staff:${by.id}`,
			data: { via: 'held', printedTicket: held.ticketNo, alertId },
			async after(tx, stored) {
				const at = d.now();
				if (!(await tx.alerts.resolveAlert(alertId, at))) {
					throw new Error(`held wish ${alertId} was taken into the queue meanwhile`);
				}
				await tx.audit.appendAudit({
					staffId: by.id,
					action: 'wish.accept_held',
					targetType: 'wish',
					targetId: stored.id,
					before: { alertId, printedTicket: held.ticketNo },
					after: { ticketNo: stored.ticketNo },
					at
				});
			}
		},
		DESK_TICKET_PREFIX,
		// The first try keeps the wish's own id and codes; once they clashed it takes new ones.
		(fresh) =>
			fresh.attempt === 0
				? {
						...held,
						ticketNo: fresh.ticketNo,
						trackCode: held.trackCode === held.claimCode ? fresh.trackCode : held.trackCode
					}
				: {
						...held,
						id: fresh.id,
						ticketNo: fresh.ticketNo,
						claimCode: fresh.claimCode,
						trackCode: fresh.trackCode
					}
	);
	if (!r.ok) return r;
	return { ok: true, value: (await d.store.deskItems.deskItemById(r.value.wish.id))! };
}
