/**
 * A staff change: role check, one transaction, one audit row from what it returns. The admin's
 * fleet changes and the dispatchers' household changes both go through here.
 */
import { ErrorCode, type Outcome } from '../../../shared/errors.ts';
import type { StaffPrincipal, StaffRole } from '../../../shared/schemas/desk.ts';
import type { Repos, Store } from '../../store/store.ts';
import { requireRole } from './roles.ts';

export type Refusal = { ok: false; error: ErrorCode; message: string };

/** What a staff change returns: a refusal, or its value and the audit row that records it. */
export type AuditedResult<T> =
	| Refusal
	| {
			ok: true;
			value: T;
			audit: {
				action: string;
				targetType: string;
				targetId: string | number;
				before: unknown;
				after: unknown;
			};
	  };

/** A repeated unique key becomes a conflict refusal carrying `message`; anything else rethrows. */
export function conflictOr(store: Store, err: unknown, message: string): Refusal {
	if (store.isUniqueViolation(err)) return { ok: false, error: ErrorCode.conflict, message };
	throw err;
}

export async function auditedChange<T>(
	d: { store: Store; now: () => number },
	by: StaffPrincipal,
	role: StaffRole,
	fn: (tx: Repos, at: number) => Promise<AuditedResult<T>>,
	conflictMessage = 'already exists'
): Promise<Outcome<T>> {
	const refused = requireRole(by, role);
	if (refused) return refused;
	try {
		return await d.store.transaction(async (tx) => {
			const at = d.now();
			const r = await fn(tx, at);
			if (!r.ok) return r;
			await tx.audit.appendAudit({ staffId: by.id, ...r.audit, at });
			return { ok: true, value: r.value };
		});
	} catch (err) {
		return conflictOr(d.store, err, conflictMessage);
	}
}
