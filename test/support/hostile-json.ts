import fc from 'fast-check';

/**
 * Hostile inputs as raw JSON text, not JS values: a body nested 100,000 levels deep cannot be built
 * with JSON.stringify (it recurses), and `{"__proto__": …}` cannot survive an object literal.
 */
export type Fragment = string;

const nest = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestObjects = (depth: number, inner: string) => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
const text = (value: string) => JSON.stringify(value);

/** Values the layer must have a rule for: null, wrong types, containers, prototype keys, NUL, depth, huge numbers, long strings, odd dates. */
export const HOSTILE_VALUES: Fragment[] = [
  'null',
  'true',
  'false',
  '0',
  '-0',
  '-1',
  '1.5',
  '9007199254740992',
  '9007199254740993',
  '-9007199254740993',
  '1e308',
  '-1e308',
  '1e400',
  '123456789012345678901234567890',
  '""',
  '"   "',
  '"\\u0000"',
  '"a\\u0000b"',
  text('x'.repeat(10_000)),
  text('9'.repeat(400)),
  text('\u202ealice\u200b'),
  '"\\ud800"',
  '"-200000-01-01"',
  '"-200000-01-01T00:00:00Z"',
  '"9999-12-31T23:59:59Z"',
  '"+275760-09-13T00:00:00.000Z"',
  '"1989-12-31T23:59:59Z"',
  '"2022-02-30T00:00:00Z"',
  '"not a date"',
  '"1e400"',
  '"NaN"',
  '[]',
  '[null]',
  '[1,2,3]',
  '["\\u0000"]',
  '{}',
  '{"a":1}',
  '{"$ne":""}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  '{"toString":"x","valueOf":1}',
  nest(9, '0'),
  nest(60, '"\\u0000"'),
  nest(100_000, ''),
  nestObjects(12, 'null'),
  nestObjects(20_000, '1'),
];

/**
 * One value per rule of the input layer, tried on every property of every shape (the rest of
 * HOSTILE_VALUES is sampled): null, an object, an array, NUL, an unsafe number, too deep, a
 * prototype-shaped object, an absurdly long string, a date outside what PostgreSQL can store.
 */
export const RULE_VALUES: Fragment[] = [
  'null',
  '{}',
  '[1]',
  '"a\\u0000b"',
  '1e400',
  '9007199254740993',
  nest(9, '0'),
  '{"constructor":{"prototype":{}}}',
  text('x'.repeat(10_000)),
  '"-200000-01-01"',
];

/** Names that must not become properties anywhere (or are just absurd). */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '', '\u0000', 'x'.repeat(5_000), 'isAdmin'];

const generatedValue: fc.Arbitrary<Fragment> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 40 }).map((s) => text(`${s}\u0000${s}`)),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map(text),
  fc.oneof(fc.bigInt(), fc.double()).map((n) => (typeof n === 'bigint' ? n.toString() : Number.isFinite(n) ? String(n) : '1e999')),
);

export const hostileValue: fc.Arbitrary<Fragment> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: generatedValue },
);

/** Whole bodies that are not what any route takes. */
export const hostileWholeBody: fc.Arbitrary<Fragment> = fc.oneof(
  fc.constantFrom(
    'null',
    '[]',
    '"text"',
    '42',
    '"\\u0000"',
    nest(100_000, ''),
    nestObjects(100_000, '1'),
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":null`).join(',')}}`,
    `[${Array.from({ length: 50_000 }, () => 'null').join(',')}]`,
  ),
  hostileValue,
);

/** Hostile text for a path segment or a query value (before URL encoding). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'null',
    '%',
    '..',
    ' ',
    '-1',
    '1e400',
    '9007199254740993',
    'x'.repeat(4_000),
    '\u202e',
    '😀',
    '00000000-0000-0000-0000-000000000000',
    'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
    '{}',
    '[]',
    '__proto__',
  ),
  fc.string({ maxLength: 30 }),
);

const SLOT = '\u0001slot\u0001';
const KEY_SLOT = '\u0001key\u0001';

/** JSON text of `base` with the value at `path` replaced by a raw fragment (parents created as needed). */
export function withValueAt(base: Record<string, unknown>, path: string[], fragment: Fragment): string {
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  }
  node[path.at(-1)!] = SLOT;
  return JSON.stringify(copy).replace(JSON.stringify(SLOT), () => fragment);
}

/** JSON text of `base` with an extra key (any name, `__proto__` included) in the object at `path`. */
export function withKeyAt(base: Record<string, unknown>, path: string[], key: string, fragment: Fragment): string {
  const marker = withValueAt(base, [...path, KEY_SLOT], 'null');
  return marker.replace(`${JSON.stringify(KEY_SLOT)}:null`, () => `${JSON.stringify(key)}:${fragment}`);
}
