import type { FieldProblem } from '../errors/domain-error.js';

/**
 * The rules every input obeys before any DTO looks at it — HTTP bodies, query strings, path
 * parameters and Socket.IO payloads alike — so one hostile value is refused the same way wherever
 * it arrives, with 400 VALIDATION_FAILED (or an `{ok:false}` ack) naming the field.
 */
export const INPUT_LIMITS = {
  /** Levels of objects/arrays; the deepest DTO (a league's roster quota) needs 3. */
  maxDepth: 8,
  /** Longer property names are never ours, and would be echoed back in `fields`. */
  maxKeyLength: 64,
  /** A refusal names this many fields at most: 50,000 nulls need not make a 50,000-entry answer. */
  maxProblems: 20,
} as const;

/**
 * Property names that mean something to JavaScript objects themselves. No DTO has them, and
 * class-transformer or any later merge could turn them into prototype pollution or a crash.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Stands in for a Socket.IO payload that was nested too deeply to be handed on safely
 * (see live's parser): the walk refuses it like any other too-deep value.
 */
// No own properties: socket.io-parser's reconstruction assigns to every key it finds.
export const NESTED_TOO_DEEP: object = Object.freeze(Object.create(null));

/** Whether a value has more than maxDepth levels of objects/arrays — iteratively, stopping at the first too deep. */
export function nestedTooDeep(root: unknown, maxDepth: number = INPUT_LIMITS.maxDepth): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

export interface InputRuleOptions {
  /** `null` anywhere. No field of the v1 API is nullable: leave a field out to leave it unset. */
  nulls: 'refuse' | 'allow';
  /** U+0000 in a string value; PostgreSQL text cannot hold it. Keys may never hold it. */
  nulCharacters: 'refuse' | 'allow';
}

/** What parsing may already refuse: only rules that hold whatever the route (no null/NUL choices). */
export const STRUCTURE_ONLY: InputRuleOptions = { nulls: 'allow', nulCharacters: 'allow' };
export const ALL_RULES: InputRuleOptions = { nulls: 'refuse', nulCharacters: 'refuse' };

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const shortKey = (key: string) => (key.length > INPUT_LIMITS.maxKeyLength ? `${key.slice(0, INPUT_LIMITS.maxKeyLength)}…` : key);

/** A place in the value; its path is only spelled out when something there is refused. */
interface Place {
  value: unknown;
  parent: Place | undefined;
  key: string | number | undefined;
  depth: number;
  badKey?: true;
}

function pathOf(place: Place): string {
  const keys: (string | number)[] = [];
  for (let p: Place = place; p.parent; p = p.parent) keys.push(p.key!);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    const key = keys[i]!;
    path += typeof key === 'number' ? `[${key}]` : path ? `.${shortKey(key)}` : shortKey(key);
  }
  return path;
}

/** A string, number or boolean that breaks no rule: it needs no place on the stack. */
function harmlessScalar(value: unknown, options: InputRuleOptions): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  if (typeof value === 'string') return options.nulCharacters === 'allow' || !value.includes('\u0000');
  return false;
}

/**
 * Checks a parsed value against the rules, depth first with an explicit stack: it never recurses,
 * never descends below maxDepth, and stops after maxProblems, so a hostile value costs at most one
 * linear pass, and reports in document order (children are pushed in reverse). The root is named
 * `rootName` (body, query, a path parameter's name).
 */
export function inputProblems(root: unknown, options: InputRuleOptions, rootName = 'body'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refuse = (place: Place, problem: (name: string) => string) => {
    const name = pathOf(place) || rootName;
    problems.push({ field: name, problems: [problem(name)] });
  };
  const stack: Place[] = [{ value: root, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0 && problems.length < INPUT_LIMITS.maxProblems) {
    const place = stack.pop()!;
    const { value, depth } = place;
    if (place.badKey) {
      refuse(place, (name) => `${name} is not an accepted field name`);
    } else if (value === null) {
      if (options.nulls === 'refuse') refuse(place, (name) => `${name} must not be null; leave the field out instead`);
    } else if (typeof value === 'string') {
      if (options.nulCharacters === 'refuse' && value.includes('\u0000'))
        refuse(place, (name) => `${name} must not contain a NUL character`);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
        refuse(place, (name) => `${name} must be a number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`);
    } else if (typeof value === 'object') {
      if (value === NESTED_TOO_DEEP || depth >= INPUT_LIMITS.maxDepth) {
        refuse(place, (name) => `${name} is nested more than ${INPUT_LIMITS.maxDepth} levels deep`);
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i -= 1) {
          const item: unknown = value[i];
          // A 1 MB array of numbers is 500,000 of them: only what might break a rule is stacked.
          if (harmlessScalar(item, options)) continue;
          stack.push({ value: item, parent: place, key: i, depth: depth + 1 });
        }
      } else if (!isPlainObject(value)) {
        refuse(place, (name) => `${name} must be JSON (binary data is not accepted)`);
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i -= 1) {
          const key = keys[i]!;
          const child = (value as Record<string, unknown>)[key];
          const badKey = PROTOTYPE_KEYS.has(key) || key.length > INPUT_LIMITS.maxKeyLength || key.includes('\u0000') ? true : undefined;
          if (!badKey && harmlessScalar(child, options)) continue;
          stack.push({ value: child, parent: place, key, depth: depth + 1, badKey });
        }
      }
    } else if (typeof value !== 'boolean' && value !== undefined) {
      refuse(place, (name) => `${name} must be JSON`);
    }
  }
  return problems;
}
