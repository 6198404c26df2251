import { diffJson } from './json-diff.js';

describe('diffJson', () => {
  it('finds nothing between equal documents, whatever their key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('reports added, removed and changed properties at their pointers', () => {
    expect(
      diffJson({ a: 1, gone: true, nested: { x: 'a' } }, { a: 2, nested: { x: 'a', y: null } }),
    ).toEqual([
      { op: 'removed', before: { pointer: '/gone', value: true } },
      { op: 'changed', before: { pointer: '/a', value: 1 }, after: { pointer: '/a', value: 2 } },
      { op: 'added', after: { pointer: '/nested/y', value: null } },
    ]);
  });

  it('matches named entries by name, with each side at its own index', () => {
    const before = {
      items: [
        { code: 'a', days: 1 },
        { code: 'b', days: 2 },
        { code: 'c', days: 3 },
      ],
    };
    const after = {
      items: [
        { code: 'x', days: 9 },
        { code: 'a', days: 1 },
        { code: 'c', days: 4 },
      ],
    };
    expect(diffJson(before, after)).toEqual([
      { op: 'removed', before: { pointer: '/items/1', value: { code: 'b', days: 2 } } },
      { op: 'added', after: { pointer: '/items/0', value: { code: 'x', days: 9 } } },
      {
        op: 'changed',
        before: { pointer: '/items/2/days', value: 3 },
        after: { pointer: '/items/2/days', value: 4 },
      },
    ]);
  });

  it('reports a new order of the same named entries once, as a change of the array', () => {
    const changes = diffJson([{ key: 'a' }, { key: 'b' }], [{ key: 'b' }, { key: 'a' }]);
    expect(changes).toEqual([
      {
        op: 'changed',
        before: { pointer: '', value: ['a', 'b'] },
        after: { pointer: '', value: ['b', 'a'] },
      },
    ]);
  });

  it('treats lists of distinct values as sets, and others by position', () => {
    const delivery = diffJson(
      { delivery: ['window', 'online'] },
      { delivery: ['window', 'post', 'online'] },
    );
    expect(delivery).toEqual([{ op: 'added', after: { pointer: '/delivery/1', value: 'post' } }]);
    const procedures = diffJson([{ maxDays: 5 }, { maxDays: 3 }], [{ maxDays: 5 }]);
    expect(procedures).toEqual([
      { op: 'removed', before: { pointer: '/1', value: { maxDays: 3 } } },
    ]);
    const repeated = diffJson(['a', 'a'], ['a', 'b']);
    expect(repeated).toEqual([
      {
        op: 'changed',
        before: { pointer: '/1', value: 'a' },
        after: { pointer: '/1', value: 'b' },
      },
    ]);
  });

  it('escapes keys in pointers and reports a change of type whole', () => {
    expect(diffJson({ 'a/b': [1] }, { 'a/b': { n: 1 } })).toEqual([
      {
        op: 'changed',
        before: { pointer: '/a~1b', value: [1] },
        after: { pointer: '/a~1b', value: { n: 1 } },
      },
    ]);
  });
});
