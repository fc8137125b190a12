import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@fantamercato/contract';
import { CLIENT_CODES } from './error-answer.js';
import { explain } from './errors.js';

describe('explain', () => {
  it.each([...ERROR_CODES, ...CLIENT_CODES])('%s has words of its own, not an empty line', (code) => {
    const text = explain({ code, message: '' });
    expect(text.length).toBeGreaterThan(10);
  });
  it('carries the figures a refusal sends', () => {
    expect(explain({ code: 'BID_TOO_LOW', message: '', minBid: 27_000_000 })).toBe('Too low: the lowest bid now is €27,000,000.');
    expect(explain({ code: 'RATE_LIMITED', message: '', retryAfterSeconds: 30 })).toContain('wait 30 seconds');
  });
});
