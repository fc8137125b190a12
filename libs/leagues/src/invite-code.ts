import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud and type on a phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters × 5 bits = 60 bits of randomness (≥ 50 asked), e.g. "K7Q2-M9XD-4TNB" without dashes. */
export function newInviteCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** What people type: any case, with spaces or dashes, and the letters I/L/O read as 1/1/0. */
export function normaliseInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}
