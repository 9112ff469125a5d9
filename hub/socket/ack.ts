/**
 * Wraps a socket handler: the ack must be a function, the payload passes the shared schema, and
 * nothing the handler throws escapes to crash the process or leave a caller waiting.
 */
import * as v from 'valibot';
import { ErrorCode, fail, type Outcome } from '../../shared/errors.ts';
import { issueCodes } from '../../shared/schemas/issues.ts';

type AnySchema = v.GenericSchema<unknown, unknown>;

export function handle<S extends AnySchema, R>(
	schema: S,
	fn: (input: v.InferOutput<S>) => Promise<Outcome<R>>
): (payload: unknown, ack: unknown) => void {
	return (payload, ack) => {
		// A client that sends no ack function gets no answer; there is nobody to tell.
		if (typeof ack !== 'function') return;
		const reply = ack as (r: Outcome<R>) => void;
		const failed = (err: unknown) => {
			console.error('socket handler failed', err);
			reply(fail(ErrorCode.unavailable, 'the hub could not finish this request; try again'));
		};
		// A listener that throws is an uncaught exception: it would end the hub for every kiosk.
		let parsed: v.SafeParseResult<S>;
		try {
			parsed = v.safeParse(schema, payload);
		} catch (err) {
			return failed(err);
		}
		if (!parsed.success) {
			reply(fail(ErrorCode.invalidPayload, 'payload failed validation', issueCodes(parsed.issues)));
			return;
		}
		// Promise.resolve().then: a handler that throws before its first await is caught as well.
		Promise.resolve(parsed.output).then(fn).then(reply, failed);
	};
}
