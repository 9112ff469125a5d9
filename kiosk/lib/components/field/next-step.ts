/**
 * The worker's next step on an item they took, as the state machine allows it. A check (核实):
 * 已到场, then 现场情况 or 已处理. The work: 开始维修, then 已修好.
 */
import { canTransition } from '$shared/domain/wish.ts';
import type { FieldItem } from '$shared/schemas/field.ts';

export type NextStep = 'arrive' | 'report' | 'start' | 'fixed';

export function nextStep(item: Pick<FieldItem, 'step' | 'status'>): NextStep | null {
	if (item.step === 'check') {
		if (canTransition(item.status, 'arrive')) return 'arrive';
		return canTransition(item.status, 'report_back') ? 'report' : null;
	}
	if (item.status === 'in_progress') return 'fixed';
	return canTransition(item.status, 'start') ? 'start' : null;
}
