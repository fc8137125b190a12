import { describe, expect, it } from '@jest/globals';
import { isCommonPassword } from './common-passwords.js';

describe('isCommonPassword', () => {
  it('knows the leaked favourites whatever their letter case', () => {
    for (const p of ['password123', 'PassWord123', 'qwertyuiop', '1234567890', ' iloveyou12 ']) expect(isCommonPassword(p)).toBe(true);
  });

  it('lets a passphrase through', () => {
    for (const p of ['correct horse battery', 'Kalulu al Real per 25']) expect(isCommonPassword(p)).toBe(false);
  });
});
