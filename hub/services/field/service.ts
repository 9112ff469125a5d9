/**
 * The field chain for workers' phones (/f), bound to what it shares (deps.ts): the list of items
 * on one's posts, the steps on one item, and the sweep that tells the desk of hops nobody took.
 * Every command takes the phone's session token and checks it itself.
 */
import { bindFirst } from '../../infra/bind.ts';
import { accept, arrive, fixed, handBack, reportBack, start } from './actions.ts';
import { fieldDeps, type FieldOptions } from './deps.ts';
import { inbox } from './inbox.ts';
import { alertUnaccepted } from './waiting.ts';

export function createFieldService(opts: FieldOptions) {
	return bindFirst(fieldDeps(opts), {
		inbox,
		accept,
		arrive,
		start,
		reportBack,
		fixed,
		handBack,
		alertUnaccepted
	});
}

export type FieldService = ReturnType<typeof createFieldService>;

/** Looks for hops nobody took every `everyMs`; returns the stop. */
export function scheduleFieldAlerts(field: FieldService, everyMs = 60_000): () => void {
	const timer = setInterval(() => {
		field.alertUnaccepted().catch((err: unknown) => console.error('field alerts failed', err));
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
