import { Writable } from 'node:stream';
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

  it('writes one human line per event in the pretty format, with no request or response objects', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createRootLogger('info', sink, 'pretty');
    logger.child({ context: 'Bootstrap' }).info('Fantamercato is ready: open http://localhost:3000/');
    logger.info(
      {
        req: { method: 'GET', url: '/api/v1/players', headers: { authorization: 'Bearer secret-token' } },
        res: { statusCode: 200 },
        responseTime: 3,
      },
      'GET /api/v1/players 200 3 ms',
    );
    const text = lines.join('');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).toMatch(/INFO.*Bootstrap: Fantamercato is ready: open http:\/\/localhost:3000\//);
    expect(text).toContain('GET /api/v1/players 200 3 ms');
    expect(text).not.toContain('{');
    expect(text).not.toContain('secret-token');
  });

  it('writes JSON by default, for collectors', () => {
    const lines: string[] = [];
    createRootLogger('info', { write: (line: string) => lines.push(line) }).info('hello');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'hello', level: 30 });
  });
});
