import { error } from '@sveltejs/kit';
import { ErrorCode } from '$shared/errors.ts';
import { qrSvg } from '$lib/qr.ts';
import { requireStaff } from '$lib/server/staff-auth.ts';
import type { PageServerLoad } from './$types';

// The QR is drawn here, so the card is whole in the first paint and prints at once.
export const load: PageServerLoad = async ({ locals, params }) => {
	const staff = requireStaff(locals);
	const id = Number(params.id);
	if (!Number.isInteger(id) || id < 1) error(404, 'no_such_household');
	const card = await locals.hub.pairing.doorCard(staff, id);
	if (!card.ok) error(card.error === ErrorCode.notFound ? 404 : 403, card.message);
	return { id, card: card.value, qr: await qrSvg(card.value.url) };
};
