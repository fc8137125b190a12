import { describe, expect, it } from '@jest/globals';
import { createRootLogger } from './logging.js';

describe('the root logger', () => {
  it('never writes what a failed statement was given, nor credentials', () => {
    const lines: string[] = [];
    const logger = createRootLogger('info', { write: (line: string) => lines.push(line) });
    const failure = Object.assign(new Error('date/time field value out of range'), {
      query: 'INSERT INTO articles (text) VALUES ($1)',
      parameters: ['the whole article, which is nobody’s business in a log'],
      driverError: { code: '22008', detail: 'Key (email)=(giulia@example.com) already exists.' },
    });
    logger.error({ err: failure, req: { headers: { authorization: 'Bearer secret-token' } } }, 'unexpected failure');
    const line = lines.join('');
    expect(line).toContain('date/time field value out of range');
    expect(line).toContain('22008');
    for (const secret of ['whole article', 'giulia@example.com', 'secret-token']) expect(line).not.toContain(secret);
  });
});
