import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { issueCodes } from '../../shared/schemas/issues.ts';
import { WishSubmitSchema, type WishSubmit } from '../../shared/schemas/wishes.ts';
import { makeWish } from '../helpers/wishes.ts';

function parse(input: unknown) {
	return v.safeParse(WishSubmitSchema, input);
}

/** The wish with one field replaced by any value, typed or not. */
function withField(key: string, value: unknown): Record<string, unknown> {
	return { ...makeWish('A', 1), [key]: value };
}

/** Asserts the input is refused and returns the reasons, e.g. ['text: text_too_long']. */
function refusedWith(input: unknown): string[] {
	const r = parse(input);
	expect(r.success).toBe(false);
	return r.success ? [] : issueCodes(r.issues);
}

describe('WishSubmitSchema accepts', () => {
	it('a typed wish with a name and a phone', () => {
		const wish = makeWish('A3', 42);
		const r = parse(wish);
		expect(r.success).toBe(true);
		expect(r.output).toEqual(wish);
	});

	it.each(['A-1000000', 'B7-999999999999'])(
		'the ticket %j: a counter past 999999 still fits (up to twelve digits)',
		(ticketNo) => {
			expect(parse(makeWish('A', 1, { ticketNo })).success).toBe(true);
		}
	);

	it('a voice-only wish with no text', () => {
		const wish = makeWish('A', 1, { text: '', voice: { durationMs: 18_000, mime: 'audio/webm' } });
		expect(parse(wish).success).toBe(true);
	});

	it('a wish with 4-byte emoji in its text and name', () => {
		const wish = makeWish('A', 1, { text: '想要一个🎂给奶奶👵过生日', contactName: '郭😀' });
		expect(parse(wish).success).toBe(true);
	});

	it('text of exactly 500 characters, with newlines and tabs', () => {
		const text = `${'水管漏水\n\t'.repeat(83)}水管`;
		expect(text).toHaveLength(500);
		expect(parse(makeWish('A', 1, { text })).success).toBe(true);
	});

	it('an anonymous wish with empty name and phone', () => {
		expect(parse(makeWish('A', 1, { contactName: '', contactPhone: '' })).success).toBe(true);
	});
});

describe('WishSubmitSchema refuses', () => {
	it('an empty wish without voice', () => {
		expect(refusedWith(makeWish('A', 1, { text: '', voice: null }))).toEqual(['empty_wish']);
	});

	it('a wish of only spaces without voice', () => {
		expect(refusedWith(makeWish('A', 1, { text: '  \n ', voice: null }))).toEqual(['empty_wish']);
	});

	it('text of 501 characters', () => {
		expect(refusedWith(makeWish('A', 1, { text: '修'.repeat(501) }))).toEqual([
			'text: text_too_long'
		]);
	});

	it('text of 2000 characters', () => {
		expect(refusedWith(makeWish('A', 1, { text: 'x'.repeat(2000) }))).toContain(
			'text: text_too_long'
		);
	});

	it('a right-to-left override (U+202E) in the text', () => {
		expect(refusedWith(makeWish('A', 1, { text: '正常\u202e文字' }))).toEqual([
			'text: text_bad_characters'
		]);
	});

	it('a right-to-left override (U+202E) in the name', () => {
		expect(refusedWith(makeWish('A', 1, { contactName: '郭\u202e国' }))).toEqual([
			'contactName: name_bad_characters'
		]);
	});

	it('a control character in the text', () => {
		expect(refusedWith(makeWish('A', 1, { text: '响铃\u0007' }))).toEqual([
			'text: text_bad_characters'
		]);
	});

	it('a phone number with letters', () => {
		expect(refusedWith(makeWish('A', 1, { contactPhone: '138abcd5678' }))).toEqual([
			'contactPhone: bad_phone'
		]);
	});

	it('a name longer than 20 characters', () => {
		expect(refusedWith(makeWish('A', 1, { contactName: '郭'.repeat(21) }))).toEqual([
			'contactName: name_too_long'
		]);
	});

	it('an unknown category', () => {
		expect(refusedWith(withField('category', 'weather'))).toEqual(['category: bad_category']);
	});

	it('an unknown kind', () => {
		expect(refusedWith(withField('kind', 'complaint'))).toEqual(['kind: bad_kind']);
	});

	it('an extra key', () => {
		const issues = refusedWith({ ...makeWish('A', 1), admin: true });
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatch(/^admin: /);
	});

	it('a missing key', () => {
		const { trackCode: _dropped, ...rest } = makeWish('A', 1);
		expect(refusedWith(rest)).toHaveLength(1);
	});

	it.each<[string, unknown]>([
		['text', 42],
		['voice', 'yes'],
		['createdAt', '1732500000000'],
		['createdAt', 1732500000000.5],
		['contactName', null],
		['id', 123],
		['claimCode', ['0123456789abc']]
	])('%s given as a wrong type (%j)', (key, value) => {
		const issues = refusedWith(withField(key, value));
		expect(issues.length).toBeGreaterThan(0);
		expect(issues.every((i) => i.startsWith(`${key}: `))).toBe(true);
	});

	it.each<unknown>([null, undefined, 'wish', 7, [], [makeWish('A', 1)]])(
		'a payload that is not an object (%j)',
		(input) => {
			expect(parse(input).success).toBe(false);
		}
	);

	it('the same code for claiming and for tracking', () => {
		const wish = makeWish('A', 1);
		expect(refusedWith({ ...wish, trackCode: wish.claimCode })).toEqual(['codes_equal']);
	});

	it.each(['a-0001', 'A-12', 'ABCD-0001', 'A0001', 'A-1234567890123', 'A-00x1'])(
		'the ticket %j',
		(ticketNo) => {
			expect(refusedWith(makeWish('A', 1, { ticketNo }))).toEqual(['ticketNo: bad_ticket']);
		}
	);

	it.each([
		['a UUID v4', '3b241101-e2bb-4255-8caf-4136c566a962'],
		['a UUID v7 with a bad variant', '01936b2e-1e2a-7c3d-cabc-123456789abc'],
		['not a UUID', 'wish-1'],
		['an empty id', '']
	])('%s as the id', (_label, id) => {
		expect(refusedWith(makeWish('A', 1, { id }))).toEqual(['id: bad_id']);
	});

	it.each(['0123456789ab', '0123456789abcd', '0123456789abi', '0123456789ABC'])(
		'the claim code %j',
		(claimCode) => {
			expect(refusedWith(makeWish('A', 1, { claimCode }))).toEqual(['claimCode: bad_code']);
		}
	);

	it.each<[string, WishSubmit['voice']]>([
		['too short', { durationMs: 100, mime: 'audio/webm' }],
		['too long', { durationMs: 120_000, mime: 'audio/webm' }],
		['of an unknown type', { durationMs: 5_000, mime: 'audio/mp3' as 'audio/webm' }]
	])('a voice clip %s', (_label, voice) => {
		expect(refusedWith(makeWish('A', 1, { voice })).every((i) => i.startsWith('voice.'))).toBe(
			true
		);
	});

	it('a creation time before 2020', () => {
		expect(refusedWith(makeWish('A', 1, { createdAt: 0 }))).toHaveLength(1);
	});
});
