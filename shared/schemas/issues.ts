/** Valibot issues as the short machine-readable reasons that error acks carry. */
import type * as v from 'valibot';

/** Turns valibot issues into short machine-readable reasons for error acks. */
export function issueCodes(issues: readonly v.BaseIssue<unknown>[]): string[] {
	return issues.map((i) => {
		const path = i.path?.map((p) => String(p.key)).join('.') ?? '';
		return path ? `${path}: ${i.message}` : i.message;
	});
}
