import { statementName } from './prepared-statements.js';

describe('statementName', () => {
  it('names a text the same way every time, and different texts differently', () => {
    const update = 'UPDATE "task" SET "status" = $1 WHERE "id" = $2';
    const insert = 'INSERT INTO "task" ("id") VALUES ($1)';
    expect(statementName(update)).toBe(statementName(update));
    expect(statementName(update)).not.toBe(statementName(insert));
    expect(statementName(update)).toMatch(/^s_[0-9a-f]{24}$/);
  });

  it('stops naming new texts after a thousand, so prepared statements stay bounded', () => {
    for (let i = 0; statementName(`SELECT ${i}`) !== undefined; i++) {
      if (i > 2000) throw new Error('no bound');
    }
    expect(statementName('SELECT "never seen before"')).toBeUndefined();
    // Texts named before the bound keep their names.
    expect(statementName('SELECT 0')).toMatch(/^s_/);
  });
});
