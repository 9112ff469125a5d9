import type { Query } from '../sqlite.ts';
import { type AuditEntry, type AuditRow, type AuditRepo } from '../../store/audit.ts';
import type { SqlRepo } from '../sql-repo.ts';

export async function appendAudit(tx: Query, e: AuditEntry): Promise<void> {
	await tx.run(
		'INSERT INTO audit_log (staff_id, action, target_type, target_id, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
		[
			e.staffId,
			e.action,
			e.targetType,
			String(e.targetId),
			e.before === undefined ? null : JSON.stringify(e.before),
			e.after === undefined ? null : JSON.stringify(e.after),
			e.at
		]
	);
}

export function recentAudit(
	tx: Query,
	opts: { limit: number; beforeId?: number; targetType?: string; targetId?: string }
): Promise<AuditRow[]> {
	const where: string[] = [];
	const params: (string | number)[] = [];
	if (opts.beforeId) {
		where.push('a.id < ?');
		params.push(opts.beforeId);
	}
	if (opts.targetType) {
		where.push('a.target_type = ?');
		params.push(opts.targetType);
	}
	if (opts.targetId) {
		where.push('a.target_id = ?');
		params.push(opts.targetId);
	}
	return tx.all<AuditRow>(
		`SELECT a.id, a.staff_id, s.username AS staff_username, a.action, a.target_type, a.target_id,
			a.before_json, a.after_json, a.at
		FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
		${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY a.id DESC LIMIT ?`,
		[...params, opts.limit]
	);
}

export const auditRepo: SqlRepo<AuditRepo> = {
	appendAudit,
	recentAudit
};
