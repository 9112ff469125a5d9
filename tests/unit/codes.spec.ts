import { describe, expect, it } from 'vitest';
import {
	CODE_PATTERN,
	formatCode,
	formatTicket,
	newCode,
	newWishId,
	normalizeCode,
	TICKET_PATTERN,
	ticketCounter,
	WISH_ID_PATTERN
} from '../../shared/domain/codes.ts';
import { maskName } from '../../shared/domain/privacy.ts';

/** Crockford base32, lower case: digits and letters without i, l, o, u. */
const CROCKFORD = /^[0123456789abcdefghjkmnpqrstvwxyz]{13}$/;

describe('newCode', () => {
	it('makes 13 characters from the lower-case Crockford alphabet', () => {
		for (let i = 0; i < 1_000; i++) {
			const code = newCode();
			expect(code).toMatch(CROCKFORD);
			expect(code).toMatch(CODE_PATTERN);
		}
	});

	it('never repeats itself in 100,000 codes', () => {
		const codes = new Set<string>();
		for (let i = 0; i < 100_000; i++) codes.add(newCode());
		expect(codes.size).toBe(100_000);
	});

	it('uses every letter of the alphabet and none of i, l, o, u', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2_000; i++) for (const ch of newCode()) seen.add(ch);
		expect([...seen].sort().join('')).toBe('0123456789abcdefghjkmnpqrstvwxyz');
	});
});

describe('newWishId', () => {
	it('is a UUID version 7 with the RFC 9562 variant', () => {
		for (let i = 0; i < 1_000; i++) {
			const id = newWishId();
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(id).toMatch(WISH_ID_PATTERN);
		}
	});

	it('carries its creation time in milliseconds in the first 48 bits', () => {
		const at = Date.UTC(2025, 10, 25, 2, 30, 15, 123);
		const id = newWishId(at);
		expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
	});

	it('sorts by creation time as plain strings', () => {
		const base = Date.UTC(2024, 0, 1);
		// Steps from 1 ms to years, so every byte of the timestamp takes part.
		const times = [0, 1, 2, 255, 256, 65_535, 65_536, 3_600_000, 86_400_000, 400 * 86_400_000].map(
			(d) => base + d
		);
		const ids = times.map((t) => newWishId(t));
		const shuffled = [...ids].reverse();
		expect(shuffled.sort()).toEqual(ids);
	});

	it('gives different ids to wishes made in the same millisecond', () => {
		const at = Date.now();
		const ids = new Set(Array.from({ length: 10_000 }, () => newWishId(at)));
		expect(ids.size).toBe(10_000);
	});
});

describe('tickets', () => {
	it.each<[string, number, string]>([
		['A', 1, 'A-0001'],
		['A3', 42, 'A3-0042'],
		['ZZ9', 9_999, 'ZZ9-9999'],
		['B', 10_000, 'B-10000'],
		['G', 123_456, 'G-123456']
	])('formats prefix %s and counter %i as %s and reads the counter back', (prefix, n, ticket) => {
		expect(formatTicket(prefix, n)).toBe(ticket);
		expect(ticket).toMatch(TICKET_PATTERN);
		expect(ticketCounter(formatTicket(prefix, n))).toBe(n);
	});
});

describe('codes typed by a person', () => {
	it('groups a code by four for print', () => {
		expect(formatCode('k3m9x2pqr7tva')).toBe('k3m9-x2pq-r7tv-a');
	});

	it('ignores case, spaces and dashes', () => {
		expect(normalizeCode(' K3M9-X2PQ r7tv-A ')).toBe('k3m9x2pqr7tva');
	});

	it('turns a printed code back into the code', () => {
		for (let i = 0; i < 1_000; i++) {
			const code = newCode();
			expect(normalizeCode(formatCode(code))).toBe(code);
			expect(normalizeCode(formatCode(code).toUpperCase())).toBe(code);
		}
	});
});

describe('maskName', () => {
	it.each([
		['郭建国', '郭**'],
		['王', '王**'],
		['  李四 ', '李**'],
		['😀小明', '😀**'],
		['', ''],
		['   ', '']
	])('shows %j on a wall as %j', (name, masked) => {
		expect(maskName(name)).toBe(masked);
	});

	it('never shows anything after the first character', () => {
		expect(maskName('郭建国')).not.toContain('建');
		expect(maskName('郭建国')).not.toContain('国');
	});
});
