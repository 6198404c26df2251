import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createPinoLogger, pinoOptions } from './logger.js';

const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';

/** A pino logger writing into an array of lines. */
function capture(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino(pinoOptions('debug', 'spec'), stream) };
}

describe('pino logger masking', () => {
  it('masks identifiers that a serializer adds after the log formatter (a request URL)', () => {
    const { lines, logger } = capture();
    // pino-http's req serializer runs after `formatters.log`: the URL reaches the line as is.
    const child = logger.child(
      {},
      { serializers: { req: (req: { url: string }) => ({ url: req.url }) } },
    );
    child.warn({ req: { url: `/licences/${ID_NUMBER}/verify?phone=${PHONE}` } }, 'done');
    const line = lines.join('');
    expect(line).not.toContain(ID_NUMBER);
    expect(line).not.toContain(PHONE);
    expect(line).toContain('/licences/');
    expect(line).toContain('002X');
  });

  it('masks identifiers in messages, fields and errors', () => {
    const { lines, logger } = capture();
    logger.info({ applicantIdNumber: ID_NUMBER, note: `call ${PHONE}` }, `case of ${ID_NUMBER}`);
    logger.error({ err: new Error(`bad id ${ID_NUMBER}`) }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
    expect(lines).toHaveLength(2);
  });

  it('appends to LOG_FILE when one is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onevisit-log-'));
    try {
      const file = join(dir, 'nested', 'app.log');
      createPinoLogger('log', 'spec', file).info(`hello ${PHONE}`);
      createPinoLogger('log', 'spec', file).info('again');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
        'hello 138****8000',
        'again',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
