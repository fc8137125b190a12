import { describe, expect, it } from '@jest/globals';
import { displayNameKey, displayNameProblem, normaliseDisplayName, visibleLength } from './display-name.js';

describe('display names', () => {
  it('strips bidi overrides, zero-width characters, controls and the spaces around a name', () => {
    expect(normaliseDisplayName('alice\u202e\u200b')).toBe('alice');
    expect(normaliseDisplayName('  \u2066Bob\u2069\u00ad \t\n Rossi\u0007 ')).toBe('Bob Rossi');
    expect(normaliseDisplayName('\ufeffGiulia\u2028')).toBe('Giulia');
  });

  it('counts what a person sees: graphemes, not code units', () => {
    expect(visibleLength('José')).toBe(4);
    expect(visibleLength('Jose\u0301')).toBe(4);
    expect(visibleLength('🇮🇹🇮🇹')).toBe(2);
  });

  it('folds case, accents and compatibility forms for comparison within a league', () => {
    expect(displayNameKey('José')).toBe(displayNameKey('JOSE'));
    expect(displayNameKey('Jose\u0301')).toBe(displayNameKey('josé'));
    expect(displayNameKey('ｊｏｓｅ')).toBe('jose');
    expect(displayNameKey('Kjær')).not.toBe(displayNameKey('Kjaer')); // ø/æ are letters, not accented ones
  });

  it('accepts 2–32 visible characters with a letter or digit; refuses the rest', () => {
    expect(displayNameProblem('Al')).toBeNull();
    expect(displayNameProblem('x'.repeat(32))).toBeNull();
    expect(displayNameProblem('A')).toMatch(/2 to 32/);
    expect(displayNameProblem('x'.repeat(33))).toMatch(/2 to 32/);
    expect(displayNameProblem('e' + '\u0301'.repeat(80))).toMatch(/2 to 32/);
    expect(displayNameProblem('\u0301 \u0301')).toMatch(/letters or digits/);
  });
});
