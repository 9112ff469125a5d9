/**
 * A residents' meeting (座谈会) recorded at the desk: its suggestions become asks with channel
 * 'meeting', each counted with the attendees who raised it, on a new need or on one the site
 * already has. All or nothing: every named need is checked before anything is written.
 */
import { newCode, newWishId } from '../../../shared/domain/codes.ts';
import { shanghaiDayStart } from '../../../shared/domain/figures.ts';
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal } from '../../../shared/schemas/desk.ts';
import type { DeskMeeting, MeetingInput } from '../../../shared/schemas/needs.ts';
import type { MeetingRow } from '../../store/needs.ts';
import { requireRole } from '../staff/roles.ts';
import { change, record, type Changed, type NeedDeps } from './deps.ts';

function toDeskMeeting(m: MeetingRow): DeskMeeting {
	return {
		id: m.id,
		siteSlug: m.site_slug,
		title: m.title,
		heldOn: m.held_on,
		attendees: m.attendees,
		suggestions: m.suggestions,
		createdAt: m.created_at
	};
}

export async function meeting(
	d: NeedDeps,
	who: StaffPrincipal,
	input: MeetingInput
): Promise<Outcome<DeskMeeting>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	const site = await d.store.sites.siteBySlug(input.siteSlug);
	if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
	const at = d.now();
	const heldAt = shanghaiDayStart(input.heldOn);
	if (heldAt > at) {
		return { ok: false, error: ErrorCode.invalidPayload, message: 'meeting_in_future' };
	}
	return change(d, async (tx): Promise<Changed<DeskMeeting>> => {
		for (const s of input.suggestions) {
			if (s.needId === null) continue;
			const n = await tx.needs.needById(s.needId);
			if (!n || n.site_id !== site.id || n.state === 'merged') {
				return { ok: false, error: ErrorCode.notFound, message: `no need ${s.needId} here` };
			}
		}
		const meetingId = await tx.needs.insertMeeting({
			siteId: site.id,
			title: input.title,
			heldOn: input.heldOn,
			attendees: input.attendees,
			staffId: who.id,
			at
		});
		const told = [];
		for (const s of input.suggestions) {
			// A meeting's needs were first asked on the day it was held, not the day it was typed in.
			const needId =
				s.needId ??
				(await tx.needs.insertNeed({ siteId: site.id, theme: s.theme, title: s.text, at: heldAt }));
			const askId = newWishId(at);
			await tx.needs.insertAsk({
				id: askId,
				needId,
				siteId: site.id,
				channel: 'meeting',
				kioskId: null,
				meetingId,
				text: s.text,
				people: s.people,
				voiceMs: null,
				voiceMime: null,
				listenCode: newCode(),
				at: heldAt
			});
			let need = (await tx.needs.needById(needId))!;
			if (heldAt < need.first_asked_at) {
				await tx.needs.updateNeed(needId, { first_asked_at: heldAt }, at);
				need = (await tx.needs.needById(needId))!;
			}
			told.push(
				await record(tx, {
					need,
					type: 'raised',
					actor: `staff:${who.id}`,
					data: { channel: 'meeting', meeting: meetingId, ask: askId, people: s.people },
					at
				})
			);
		}
		await tx.audit.appendAudit({
			staffId: who.id,
			action: 'need.meeting',
			targetType: 'need_meeting',
			targetId: meetingId,
			before: null,
			after: { ...input },
			at
		});
		const row = (await tx.needs.meetings(site.id)).find((m) => m.id === meetingId)!;
		return { ok: true, value: toDeskMeeting(row), told };
	});
}

export async function meetings(
	d: NeedDeps,
	who: StaffPrincipal,
	q: { siteSlug?: string }
): Promise<Outcome<DeskMeeting[]>> {
	const refused = requireRole(who, 'dispatcher');
	if (refused) return refused;
	let siteId: number | null = null;
	if (q.siteSlug) {
		const site = await d.store.sites.siteBySlug(q.siteSlug);
		if (!site) return { ok: true, value: [] };
		siteId = site.id;
	}
	return { ok: true, value: (await d.store.needs.meetings(siteId)).map(toDeskMeeting) };
}
