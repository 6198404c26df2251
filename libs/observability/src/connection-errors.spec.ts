import { connectionFailureOf } from './connection-errors.js';

describe('connectionFailureOf', () => {
  it('names a refused or reset connection by its code and address', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6393'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 6393,
    });
    expect(connectionFailureOf(refused)).toBe('ECONNREFUSED 127.0.0.1:6393');
    expect(
      connectionFailureOf(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    ).toBe('ECONNRESET');
    expect(connectionFailureOf(new Error('Connection is closed.'))).toBe('Connection is closed.');
    const notSent = "Stream isn't writeable and enableOfflineQueue options is false";
    expect(connectionFailureOf(new Error(notSent))).toBe(notSent);
  });

  it('leaves every other error to be logged as one', () => {
    expect(connectionFailureOf(new Error('Missing lock for job 7. moveToFinished'))).toBeNull();
    expect(
      connectionFailureOf(Object.assign(new Error('NOSCRIPT'), { code: 'NOSCRIPT' })),
    ).toBeNull();
    expect(connectionFailureOf('not an error')).toBeNull();
  });
});
