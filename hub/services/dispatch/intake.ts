/**
 * Wishes that staff bring into the queue: a walk-in or phone caller's, typed in at the desk, and
 * a kiosk's wish the hub refused and held (channel 'desk', ticket DK-…).
 */
import * as v from 'valibot';
import { formatTicket, newCode, newWishId } from '../../../shared/domain/codes.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import {
	DESK_TICKET_PREFIX,
	type DeskItem,
	type DeskSubmit,
	type StaffPrincipal
} from '../../../shared/schemas/desk.ts';
import { WishSubmitSchema, type WishSubmit } from '../../../shared/schemas/wishes.ts';
import type { Repos } from '../../store/store.ts';
import { requireRole } from '../staff/roles.ts';
import { deskAct, type DispatchDeps } from './deps.ts';

/** The next desk ticket (DK-0001, …), read inside the transaction that uses it. */
async function nextDeskTicket(q: Repos): Promise<string> {
	return formatTicket(
		DESK_TICKET_PREFIX,
		(await q.tickets.lastTicketWithPrefix(DESK_TICKET_PREFIX)) + 1
	);
}

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
	// Two desks typing at once may pick the same ticket number: the loser simply retries.
	for (let attempt = 0; attempt < 5; attempt++) {
		const claimCode = newCode();
		let trackCode = newCode();
		while (trackCode === claimCode) trackCode = newCode();
		const at = d.now();
		const wish = {
			id: newWishId(at),
			kind: input.kind,
			category: input.category,
			text: input.text,
			voice: null,
			contactName: input.contactName,
			contactPhone: input.contactPhone,
			ticketNo: await nextDeskTicket(d.store),
			claimCode,
			trackCode,
			createdAt: at
		};
		const r = await d.wishes.submit(
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
						at
					});
				}
			},
			wish
		);
		if (!r.ok && r.error === ErrorCode.conflict) continue;
		if (!r.ok) return r;
		// Urgency is a desk edit of its own (the kiosk path has no such field): one more event.
		if (input.urgent) {
			return deskAct(d, by, {
				wishId: wish.id,
				action: 'triage',
				audit: 'wish.triage',
				data: { category: input.category, urgent: true },
				patch: () => ({ urgent: 1 })
			});
		}
		return { ok: true, value: (await d.store.deskItems.deskItemById(wish.id))! };
	}
	return {
		ok: false,
		error: ErrorCode.conflict,
		message: 'could not find a free ticket number'
	};
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
	for (let attempt = 0; attempt < 5; attempt++) {
		const at = d.now();
		// Once its own id or codes clashed, the wish takes new ones.
		const own = attempt === 0;
		const claimCode = own ? held.claimCode : newCode();
		let trackCode = own ? held.trackCode : newCode();
		while (trackCode === claimCode) trackCode = newCode();
		const wish: WishSubmit = {
			...held,
			id: own ? held.id : newWishId(at),
			ticketNo: await nextDeskTicket(d.store),
			claimCode,
			trackCode
		};
		const r = await d.wishes.submit(
			{
				siteId: alert.site_id,
				kioskId: null,
				channel: 'desk',
				actor: `staff:${by.id}`,
				data: { via: 'held', printedTicket: held.ticketNo, alertId },
				async after(tx, stored) {
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
			wish
		);
		if (!r.ok && r.error === ErrorCode.conflict) continue;
		if (!r.ok) return r;
		return { ok: true, value: (await d.store.deskItems.deskItemById(wish.id))! };
	}
	return { ok: false, error: ErrorCode.conflict, message: 'could not find a free ticket number' };
}
