/** How the pairing service's refusals reach the household pages. */
import { ErrorCode } from '$shared/errors.ts';
import { t } from '$lib/i18n/index.ts';
import type { RefusalView } from '$lib/server/form-action.ts';

/**
 * The pairing service names most refusals in its message (no_such_member, already_paired…): that
 * code when the page knows it, else the error's. Forbidden is 403, anything else a 400.
 */
export const refusedByMessage: RefusalView = (r) => ({
	status: r.error === ErrorCode.forbidden ? 403 : 400,
	problem: t().pairing.problems[r.message] ? r.message : r.error
});
