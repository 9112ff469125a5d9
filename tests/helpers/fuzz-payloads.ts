/**
 * Generators of hostile input for the fuzz tests: values of the wrong type, tricky text, huge and
 * deep structures, binary, prototype-pollution keys, and one-field mutations of valid payloads
 * (so the validation gets past its first check before it has to say no).
 */
import fc from 'fast-check';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** Text that has broken other systems: bidi overrides, invisible characters, lone surrogates … */
export const TRICKY_STRINGS = [
	'',
	' ',
	'\u202E',
	'abc\u202Edef',
	'\u200B',
	'a\u200Db',
	'\uFEFF',
	'😀',
	'👨‍👩‍👧‍👦',
	'\uD800',
	'a\uDC00b',
	'\u0000',
	'\u0007\u001b[31m',
	'\r\n',
	"' OR 1=1 --",
	"'); DROP TABLE wishes; --",
	'" OR ""="',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'${7*7}',
	'{{7*7}}',
	'../../etc/passwd',
	'%00',
	'%E0%A4%A',
	'__proto__',
	'constructor',
	'prototype',
	'NaN',
	'null',
	'[object Object]',
	'A-0001',
	'2468',
	'1234',
	'13912345678',
	'shuanglong',
	'a'.repeat(51),
	'a'.repeat(501),
	'汉'.repeat(501),
	'x'.repeat(60_000),
	'汉'.repeat(30_000),
	'\u202E'.repeat(5_000)
];

export const TRICKY_NUMBERS = [
	NaN,
	Infinity,
	-Infinity,
	-0,
	0,
	1e308,
	-1e308,
	5e-324,
	2 ** 53 + 1,
	-1,
	0.5,
	1.5,
	2 ** 31,
	-(2 ** 31) - 1,
	31,
	32,
	100,
	101
];

/** Objects whose own keys are `__proto__` / `constructor`, as JSON.parse would make them. */
function polluters(): unknown[] {
	return [
		JSON.parse('{"__proto__":{"polluted":"yes"}}'),
		JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
		JSON.parse('{"__proto__":{"__proto__":{"polluted":"yes"}},"since":0}'),
		{ toString: 'x', valueOf: 'y', hasOwnProperty: 'z' },
		[JSON.parse('{"__proto__":[]}')]
	];
}

/** `{ a: { a: … } }` or `[[…]]`, `depth` levels down. */
export function nested(depth: number, asArray: boolean): unknown {
	let x: unknown = asArray ? [] : {};
	for (let i = 0; i < depth; i++) x = asArray ? [x] : { a: x };
	return x;
}

/**
 * Any hostile value, from a wrong primitive to a 2 KB binary buffer or 1,000 levels of nesting
 * (deeper overflows socket.io-client's own encoder before anything is sent). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.anything({
			maxDepth: 3,
			maxKeys: 5,
			withNullPrototype: true,
			withTypedArray: true,
			withSparseArray: true,
			withBoxedValues: true,
			withObjectString: true,
			withDate: true,
			withMap: true,
			withSet: true
		})
	},
	{ weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
	{ weight: 3, arbitrary: fc.constantFrom(...TRICKY_NUMBERS) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.integer({ min: 10, max: 1_000 }), fc.boolean())
			.map(([d, a]) => nested(d, a))
	},
	{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_048 }).map((a) => Buffer.from(a)) },
	{ weight: 1, arbitrary: fc.constantFrom(...polluters()) }
);

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', '', 'toString', 'then', 'id', '0'];

type Op = 'replace' | 'delete' | 'extra' | 'wrap';

/** Every object or array inside `root` (root first), so a mutation can reach nested fields. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
	const out: (Record<string, unknown> | unknown[])[] = [];
	const walk = (x: unknown) => {
		if (x === null || typeof x !== 'object') return;
		out.push(x as Record<string, unknown>);
		for (const v of Object.values(x)) walk(v);
	};
	walk(root);
	return out;
}

/** Sets an own, enumerable property even for `__proto__`, so it goes over the wire. */
function setOwn(target: object, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

/** A copy of `base` with one field replaced, removed, added or wrapped in an array. */
export function mutation(base: () => unknown): fc.Arbitrary<unknown> {
	return fc
		.tuple(
			fc.nat(),
			fc.nat(),
			fc.constantFrom<Op>('replace', 'replace', 'delete', 'extra', 'wrap'),
			hostileValue,
			fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 }))
		)
		.map(([pick, keyPick, op, value, extraKey]) => {
			const root = structuredClone(base());
			const all = containers(root);
			const target = all[pick % all.length]!;
			const keys = Object.keys(target);
			const key = keys.length ? keys[keyPick % keys.length]! : extraKey;
			if (op === 'extra' || keys.length === 0) setOwn(target, extraKey || 'x', value);
			else if (op === 'delete') delete (target as Record<string, unknown>)[key];
			else if (op === 'wrap') setOwn(target, key, [(target as Record<string, unknown>)[key]]);
			else setOwn(target, key, value);
			return root;
		});
}

/** Hostile payloads for one event: garbage of any shape, or a valid payload with one thing wrong. */
export function payloadsFor(base: () => unknown): fc.Arbitrary<unknown> {
	return fc.oneof({ weight: 2, arbitrary: hostileValue }, { weight: 3, arbitrary: mutation(base) });
}

/**
 * The payload as the hub's socket.io parser hands it to a handler (NaN → null, Date → string,
 * undefined keys gone …): what "valid" must be judged on. Undefined when the parser refuses it.
 */
export function asReceived(payload: unknown): { value: unknown; bytes: number } | undefined {
	const packets = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['e', payload] });
	let bytes = 0;
	for (const p of packets) bytes += typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength;
	const decoder = new Decoder();
	let out: { value: unknown; bytes: number } | undefined;
	decoder.on('decoded', (p: Packet) => (out = { value: (p.data as unknown[])[1], bytes }));
	try {
		for (const p of packets) decoder.add(p as string);
	} catch {
		return undefined;
	}
	return out;
}
