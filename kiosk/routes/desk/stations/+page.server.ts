import * as v from 'valibot';
import { shanghaiDate } from '$shared/domain/figures.ts';
import { ErrorCode } from '$shared/errors.ts';
import { PinSchema } from '$shared/schemas/members.ts';
import {
	ServiceEditSchema,
	ServiceStateChangeSchema,
	type StationService
} from '$shared/schemas/stations.ts';
import { formAction, num } from '$lib/server/form-action.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { Actions, PageServerLoad } from './$types';

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

/** A new service belongs to a site (`site:<id>`); an existing one answers under its own row. */
const serviceKey = (form: FormData) => {
	const serviceId = num(form, 'serviceId');
	return Number.isNaN(serviceId) ? `site:${num(form, 'siteId')}` : `service:${serviceId}`;
};

// Every refusal is shown next to the service (or site) it concerns: `serviceKey` says which.
export const actions: Actions = {
	/** Flip a state or save a note: any signed-in staff member. */
	state: formAction({
		where: (form) => ({ serviceKey: `service:${String(form.get('serviceId'))}` }),
		schema: ServiceStateChangeSchema,
		input: (form) => ({
			serviceId: num(form, 'serviceId'),
			state: form.get('state'),
			note: String(form.get('note') ?? '')
		}),
		call: (hub, who, change) => hub.stations.setState({ kind: 'staff', who }, change),
		// Anything but a missing right is someone else's change meanwhile.
		refused: (r) => ({ status: r.error === ErrorCode.forbidden ? 403 : 409, problem: r.error })
	}),

	/** Add a service or change its name, icon, hours, order or use: admins. */
	service: formAction({
		role: 'admin',
		where: (form) => ({ serviceKey: serviceKey(form) }),
		schema: ServiceEditSchema,
		input: (form) => ({
			icon: form.get('icon'),
			name: String(form.get('name') ?? ''),
			hours: String(form.get('hours') ?? ''),
			position: num(form, 'position') || 0,
			active: form.get('active') === 'on'
		}),
		call: (hub, who, edit, form) => {
			const serviceId = num(form, 'serviceId');
			const siteId = num(form, 'siteId');
			const target = Number.isNaN(serviceId) ? { siteId } : { serviceId };
			return hub.stations.saveService(who, target, edit);
		},
		// The hours parser names what it could not read in the message.
		refused: (r) => ({ status: r.error === ErrorCode.forbidden ? 403 : 400, problem: r.message })
	}),

	/** The kiosk panel's PIN for a site: admins. Empty removes it. */
	pin: formAction({
		role: 'admin',
		where: (form) => ({ serviceKey: `pin:${num(form, 'siteId')}` }),
		schema: v.pipe(
			v.string(),
			v.check((pin) => pin === '' || v.is(PinSchema, pin), 'bad_pin')
		),
		input: (form) => String(form.get('pin') ?? '').trim(),
		call: (hub, who, pin, form) =>
			hub.stations.setPin(who, num(form, 'siteId'), pin === '' ? null : pin)
	})
};
