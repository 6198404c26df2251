import { valueWithin } from './value-within.js';

describe('valueWithin', () => {
  it("gives the promise's value when it comes in time", async () => {
    expect(await valueWithin(Promise.resolve('answer'), 1000, 'late')).toBe('answer');
  });

  it('gives the fallback when the promise takes longer', async () => {
    const never = new Promise<string>(() => undefined);
    expect(await valueWithin(never, 10, 'late')).toBe('late');
  });

  it('rejects with the promise when it fails in time', async () => {
    await expect(valueWithin(Promise.reject(new Error('refused')), 1000, 'late')).rejects.toThrow(
      'refused',
    );
  });
});
