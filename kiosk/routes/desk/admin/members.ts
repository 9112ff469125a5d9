/**
 * The 人员 tab's inputs: phone accounts as the hub's fleet service takes them, from the form or
 * from the lines of a CSV. An account may be a party member (claims micro-wishes), a field worker
 * of some posts (accepts reports sent to them), or both.
 */
import * as v from 'valibot';
import { RowIdSchema, SiteSlugSchema, type StaffPrincipal } from '$shared/schemas/desk.ts';
import { ContactPhoneSchema } from '$shared/schemas/wishes.ts';
import { MemberNoSchema, PinSchema } from '$shared/schemas/members.ts';
import { ErrorCode, type Outcome } from '$shared/errors.ts';
import { columnIndex, parseCsv } from '$lib/csv.ts';
import { text } from '$lib/server/form-action.ts';

/** A post as the 岗位 tab names it (2–30 characters); the hub knows which ones exist. */
const PostNameSchema = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(2, 'bad_post'),
	v.maxLength(30, 'bad_post')
);

const RolesFields = {
	party: v.boolean('bad_party'),
	posts: v.pipe(v.array(PostNameSchema), v.maxLength(20, 'bad_post'))
};

export const MemberSchema = v.strictObject({
	memberNo: MemberNoSchema,
	displayName: v.pipe(v.string(), v.trim(), v.minLength(1, 'name_required'), v.maxLength(20)),
	phone: ContactPhoneSchema,
	siteSlug: v.nullable(SiteSlugSchema),
	skills: v.pipe(v.string(), v.trim(), v.maxLength(60)),
	pin: PinSchema,
	...RolesFields
});

export const MemberRolesSchema = v.strictObject({ id: RowIdSchema, ...RolesFields });

/** The posts chosen in a form's multiple select. */
const postsOf = (f: FormData) =>
	f.getAll('posts').filter((p): p is string => typeof p === 'string' && p !== '');
/** A checkbox: sent as "1" when ticked, absent otherwise. */
const partyChecked = (f: FormData) => text(f, 'party') === '1';

export const memberInput = (f: FormData) => ({
	memberNo: text(f, 'memberNo'),
	displayName: text(f, 'displayName'),
	phone: text(f, 'phone').trim(),
	siteSlug: text(f, 'siteSlug') || null,
	skills: text(f, 'skills'),
	pin: text(f, 'pin'),
	party: partyChecked(f),
	posts: postsOf(f)
});

export const rolesInput = (f: FormData) => ({
	id: Number(text(f, 'memberId')),
	party: partyChecked(f),
	posts: postsOf(f)
});

/** A CSV no larger than 1 MB; its lines are checked one by one with MemberSchema. */
export const MemberFileSchema = v.pipe(
	v.instance(File, 'no_header'),
	v.check((file) => file.size > 0 && file.size <= 1_000_000, 'no_header')
);

/** 是/否 (and what spreadsheets make of yes/no); empty is yes, as most accounts are members. */
function partyCell(cell: string): boolean | string {
	const s = cell.trim().toLowerCase();
	if (['', '是', 'y', 'yes', '1', 'true'].includes(s)) return true;
	if (['否', 'n', 'no', '0', 'false'].includes(s)) return false;
	// Not a boolean: the schema refuses it with bad_party.
	return s;
}

/** Post names in one cell, separated by |. */
const postsCell = (cell: string) =>
	cell
		.split('|')
		.map((p) => p.trim())
		.filter(Boolean);

export type ImportResult = { added: number; errors: { line: number; reason: string }[] };

/**
 * Checks every line, imports the good ones, and lists the refused ones by spreadsheet line. The
 * first six columns are fixed; `posts` and `party` (or 岗位 and 党员) are found by their header.
 */
export async function importMembers(
	hub: App.Locals['hub'],
	admin: StaffPrincipal,
	file: File
): Promise<Outcome<ImportResult>> {
	const rows = parseCsv(await file.text());
	if (rows.length < 2) return { ok: false, error: ErrorCode.invalidPayload, message: 'no_header' };
	const header = rows[0]!;
	const postsAt = columnIndex(header, ['posts', '岗位']);
	const partyAt = columnIndex(header, ['party', '党员']);
	const good: { line: number; member: v.InferOutput<typeof MemberSchema> }[] = [];
	const bad: { line: number; reason: string }[] = [];
	// Line numbers as a spreadsheet shows them: the header is line 1.
	rows.slice(1).forEach((raw, i) => {
		const cells = raw.map((c) => c.trim());
		const [memberNo, displayName, phone, siteSlug, skills, pin] = cells;
		const parsed = v.safeParse(MemberSchema, {
			memberNo: memberNo ?? '',
			displayName: displayName ?? '',
			phone: phone ?? '',
			siteSlug: siteSlug || null,
			skills: skills ?? '',
			pin: pin ?? '',
			party: partyCell(partyAt >= 0 ? (cells[partyAt] ?? '') : ''),
			posts: postsAt >= 0 ? postsCell(cells[postsAt] ?? '') : []
		});
		if (parsed.success) good.push({ line: i + 2, member: parsed.output });
		else bad.push({ line: i + 2, reason: parsed.issues[0]?.message ?? ErrorCode.invalidPayload });
	});
	const r = await hub.fleet.importMembers(admin, good);
	if (!r.ok) return r;
	return {
		ok: true,
		value: {
			added: r.value.added,
			errors: [...bad, ...r.value.errors].sort((a, b) => a.line - b.line)
		}
	};
}
