import { describe, expect, it } from '@jest/globals';
import { ALL_RULES, INPUT_LIMITS, inputProblems, NESTED_TOO_DEEP, nestedTooDeep, STRUCTURE_ONLY } from './input-rules.js';

const deep = (depth: number): unknown => {
  // Built iteratively: a recursive builder would overflow before the rules are even tried.
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

describe('the input rules', () => {
  it('walk a million levels without recursing, and name the first too-deep place', () => {
    expect(inputProblems({ a: deep(1_000_000) }, ALL_RULES)).toEqual([
      {
        field: `a${'[0]'.repeat(INPUT_LIMITS.maxDepth - 1)}`,
        problems: ['a' + '[0]'.repeat(INPUT_LIMITS.maxDepth - 1) + ' is nested more than 8 levels deep'],
      },
    ]);
    expect(nestedTooDeep(deep(1_000_000))).toBe(true);
    expect(nestedTooDeep(deep(INPUT_LIMITS.maxDepth))).toBe(false);
    expect(nestedTooDeep(deep(INPUT_LIMITS.maxDepth + 1))).toBe(true);
  });

  it('refuse null, NUL, unsafe numbers, prototype keys and binary, in document order', () => {
    const value = JSON.parse('{"a":null,"b":"x\\u0000","c":[1e400,9007199254740992],"__proto__":{},"d":{"constructor":1}}');
    expect(inputProblems({ ...value, e: Buffer.from('x') }, ALL_RULES).map((p) => p.field)).toEqual([
      'a',
      'b',
      'c[0]',
      'c[1]',
      '__proto__',
      'd.constructor',
      'e',
    ]);
  });

  it('leave null and NUL to the pipe when only the structure is checked (the body parser)', () => {
    expect(inputProblems({ a: null, b: '\u0000' }, STRUCTURE_ONLY)).toEqual([]);
    expect(inputProblems({ a: 9007199254740991, b: -9007199254740991, c: 1.5, d: true, e: 'text' }, ALL_RULES)).toEqual([]);
  });

  it('stop at maxProblems, and cut absurd key names short', () => {
    expect(
      inputProblems(
        Array.from({ length: 50_000 }, () => null),
        ALL_RULES,
      ),
    ).toHaveLength(INPUT_LIMITS.maxProblems);
    const [problem] = inputProblems({ ['k'.repeat(10_000)]: 1 }, ALL_RULES);
    expect(problem!.field.length).toBeLessThanOrEqual(INPUT_LIMITS.maxKeyLength + 1);
  });

  it('refuse the marker the Socket.IO parser leaves for a too-deep argument', () => {
    expect(inputProblems(NESTED_TOO_DEEP, ALL_RULES, 'payload')).toEqual([
      { field: 'payload', problems: ['payload is nested more than 8 levels deep'] },
    ]);
  });
});
