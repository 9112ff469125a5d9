/**
 * The phone page's intake (/w/<site>, the WeChat-group channel): no device token, so the hub
 * makes the id, the codes and the ticket (WX-0001, …), and limits submissions per address.
 * The wish then takes the one path every wish takes (wishes.submit: group commit + event).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode } from '../../shared/errors.ts';
import {
	PHONE_TICKET_PREFIX,
	type PhoneReceipt,
	type PhoneWish,
	type Site
} from '../../shared/schemas/wishes.ts';
import type { Store } from '../store/store.ts';
import { toSite } from '../store/sites.ts';

import { DEFAULT_PHONE_LIMIT, type PhoneLimit } from '../config.ts';
import { rateLimiter } from '../infra/rate-limit.ts';
import type { Outcome } from '../../shared/errors.ts';
import type { WishService } from './wishes/service.ts';

export function createPhoneService(opts: {
	store: Store;
	wishes: WishService;
	publicUrl: () => string;
	now?: () => number;
	limit?: PhoneLimit;
}) {
	const { store, wishes } = opts;
	const now = opts.now ?? Date.now;
	const limiter = rateLimiter({ ...(opts.limit ?? DEFAULT_PHONE_LIMIT), now });
	// Addresses are kept only as salted hashes in the event log; the salt lives in memory.
	const salt = randomBytes(16);
	const who = (ip: string) =>
		`phone:${createHash('sha256').update(salt).update(ip).digest('hex').slice(0, 12)}`;

	return {
		/** The address the site's poster QR carries. */
		intakeUrl: (slug: string) => `${opts.publicUrl()}/w/${slug}`,

		async site(slug: string): Promise<Site | null> {
			const row = await store.sites.siteBySlug(slug);
			return row ? toSite(row) : null;
		},

		/** Stores a phone wish (already validated with PhoneWishSchema). */
		async submit(input: {
			siteSlug: string;
			ip: string;
			wish: PhoneWish;
		}): Promise<Outcome<PhoneReceipt>> {
			const site = await store.sites.siteBySlug(input.siteSlug);
			if (!site) return { ok: false, error: ErrorCode.notFound, message: 'no such site' };
			if (!limiter.take(input.ip))
				return { ok: false, error: ErrorCode.rateLimited, message: 'too many wishes from here' };
			const r = await wishes.submitNumbered(
				{ siteId: site.id, kioskId: null, channel: 'phone', actor: who(input.ip) },
				PHONE_TICKET_PREFIX,
				(fresh) => ({
					...input.wish,
					text: input.wish.text.trim(),
					contactName: input.wish.contactName.trim(),
					id: fresh.id,
					ticketNo: fresh.ticketNo,
					claimCode: fresh.claimCode,
					trackCode: fresh.trackCode,
					createdAt: fresh.at
				})
			);
			if (!r.ok) return r;
			const { wish } = r.value;
			return {
				ok: true,
				value: {
					id: wish.id,
					ticketNo: wish.ticketNo,
					trackUrl: `${opts.publicUrl()}/t/${wish.trackCode}`,
					createdAt: wish.createdAt
				}
			};
		}
	};
}

export type PhoneService = ReturnType<typeof createPhoneService>;
