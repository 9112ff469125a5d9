import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { shanghaiDate } from '$shared/domain/figures.ts';
import { PinSchema } from '$shared/schemas/members.ts';
import {
	ServiceEditSchema,
	ServiceStateChangeSchema,
	type StationService
} from '$shared/schemas/stations.ts';
import { ErrorCode } from '$shared/errors.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

/** A refusal the page shows next to the service it concerns: a catalogue key, never raw text. */
function refuse(status: number, serviceKey: string, problem: string) {
	return fail(status, { serviceKey, problem });
}

function num(form: FormData, name: string): number {
	const raw = form.get(name);
	return raw === null || raw === '' ? NaN : Number(raw);
}

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(locals);
	const today = shanghaiDate(Date.now());
	const [sites, figures] = await Promise.all([
		locals.hub.stations.sites(),
		locals.hub.stations.figures(`${today.slice(0, 8)}01`, today)
	]);
	const visitsToday = await locals.hub.stations.figures(today, today);
	return {
		sites: sites.map((s) => ({
			id: s.site.id,
			slug: s.site.slug,
			name: s.site.name,
			kind: s.site.kind,
			hasPin: s.hasPin,
			services: s.services satisfies StationService[],
			visitsToday: visitsToday.bySite.get(s.site.id)?.visits ?? 0
		})),
		month: figures.total,
		now: Date.now()
	};
};

export const actions: Actions = {
	/** Flip a state or save a note: any signed-in staff member. */
	state: async ({ request, locals }) => {
		const who = requireStaff(locals);
		const form = await request.formData();
		const key = `service:${String(form.get('serviceId'))}`;
		const parsed = v.safeParse(ServiceStateChangeSchema, {
			serviceId: num(form, 'serviceId'),
			state: form.get('state'),
			note: String(form.get('note') ?? '')
		});
		if (!parsed.success)
			return refuse(400, key, parsed.issues[0]?.message ?? ErrorCode.invalidPayload);
		const r = await locals.hub.stations.setState({ kind: 'staff', who }, parsed.output);
		if (!r.ok) return refuse(r.error === ErrorCode.forbidden ? 403 : 409, key, r.error);
		return { serviceKey: key, saved: true };
	},

	/** Add a service or change its name, icon, hours, order or use: admins. */
	service: async ({ request, locals }) => {
		const who = requireStaff(locals, 'admin');
		const form = await request.formData();
		const serviceId = num(form, 'serviceId');
		const siteId = num(form, 'siteId');
		const key = Number.isNaN(serviceId) ? `site:${siteId}` : `service:${serviceId}`;
		const parsed = v.safeParse(ServiceEditSchema, {
			icon: form.get('icon'),
			name: String(form.get('name') ?? ''),
			hours: String(form.get('hours') ?? ''),
			position: num(form, 'position') || 0,
			active: form.get('active') === 'on'
		});
		if (!parsed.success)
			return refuse(400, key, parsed.issues[0]?.message ?? ErrorCode.invalidPayload);
		const target = Number.isNaN(serviceId) ? { siteId } : { serviceId };
		const r = await locals.hub.stations.saveService(who, target, parsed.output);
		if (!r.ok) return refuse(r.error === ErrorCode.forbidden ? 403 : 400, key, r.message);
		return { serviceKey: key, saved: true };
	},

	/** The kiosk panel's PIN for a site: admins. Empty removes it. */
	pin: async ({ request, locals }) => {
		const who = requireStaff(locals, 'admin');
		const form = await request.formData();
		const siteId = num(form, 'siteId');
		const raw = String(form.get('pin') ?? '').trim();
		const key = `pin:${siteId}`;
		if (raw !== '' && !v.is(PinSchema, raw)) return refuse(400, key, 'bad_pin');
		const r = await locals.hub.stations.setPin(who, siteId, raw === '' ? null : raw);
		if (!r.ok) return refuse(r.error === ErrorCode.forbidden ? 403 : 400, key, r.error);
		return { serviceKey: key, saved: true };
	}
};
