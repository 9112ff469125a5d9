/**
 * The desk's form actions, all the same way: the staff member with the role (401/403 otherwise),
 * the posted fields checked with the shared schema (400 and the first issue's code), the hub
 * service called, and its Outcome turned into what the page shows next to the form it concerns:
 * `fail(status, { ...where, problem })` or `{ ...where, saved: true }`. `problem` is always a code
 * the page looks up in its catalogue, never a sentence.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import type { StaffPrincipal, StaffRole } from '$shared/schemas/desk.ts';
import { requireStaff } from './staff-auth.ts';

type Refusal = Extract<Outcome<unknown>, { ok: false }>;

/** How a refusal from the hub reaches the page: its HTTP status and the problem code shown. */
export type RefusalView = (r: Refusal) => { status: number; problem: string };

/** Forbidden is 403, anything else the request's fault (400); the problem is the error code. */
export const refusedByCode: RefusalView = (r) => ({
	status: r.error === ErrorCode.forbidden ? 403 : 400,
	problem: r.error
});

export interface FormActionSpec<S extends v.GenericSchema, T, W extends object> {
	/** At least this role; the desk's gate has checked already, this is the second look. */
	role?: StaffRole;
	/** Which form on the page the answer is for, e.g. `{ tab: 'sites' }`; null before parsing. */
	where: (form: FormData, value: v.InferOutput<S> | null) => W;
	/** The posted fields as the schema's input (numbers as numbers, lists split). */
	input: (form: FormData) => unknown;
	schema: S;
	call: (
		hub: App.Locals['hub'],
		who: StaffPrincipal,
		value: v.InferOutput<S>,
		form: FormData
	) => Promise<Outcome<T>>;
	refused?: RefusalView;
	/** More for the page on success (a code made, a password to show once). */
	saved?: (value: T) => object;
}

/** One desk form action: require role → parse with the shared schema → call → Outcome to page. */
export function formAction<S extends v.GenericSchema, T, W extends object>(
	spec: FormActionSpec<S, T, W>
) {
	return async ({ request, locals }: RequestEvent) => {
		const who = requireStaff(locals, spec.role);
		const form = await request.formData();
		const parsed = v.safeParse(spec.schema, spec.input(form));
		if (!parsed.success) {
			const problem = parsed.issues[0]?.message ?? ErrorCode.invalidPayload;
			return fail(400, { ...spec.where(form, null), problem });
		}
		const r = await spec.call(locals.hub, who, parsed.output, form);
		const where = spec.where(form, parsed.output);
		if (!r.ok) {
			const { status, problem } = (spec.refused ?? refusedByCode)(r);
			return fail(status, { ...where, problem });
		}
		return { ...where, saved: true as const, ...spec.saved?.(r.value) };
	};
}

/** A text field as posted ('' when absent or a file). */
export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** A number field: NaN when absent or empty, so the schema refuses it. */
export function num(form: FormData, name: string): number {
	const raw = form.get(name);
	return raw === null || raw === '' ? NaN : Number(raw);
}
