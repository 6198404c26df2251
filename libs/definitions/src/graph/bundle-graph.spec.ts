import type { BundleDefinition, ServiceItem } from '../definition.types.js';
import {
  buildItemGraph,
  criticalPath,
  dependantsOf,
  findCycle,
  upstreamOf,
  type ItemNode,
} from './bundle-graph.js';

function item(code: string, promisedLimitDays: number, outputs: string[] = []): ServiceItem {
  return {
    code,
    name: { zh: code, en: code },
    department: 'dept',
    type: 'licence',
    legalLimitDays: promisedLimitDays,
    promisedLimitDays,
    form: [],
    materials: [],
    specialProcedures: [],
    outputs,
  };
}

function bundle(items: BundleDefinition['items']): BundleDefinition {
  return {
    code: 'b',
    name: { zh: 'b', en: 'b' },
    applicantKind: 'person',
    form: [],
    items,
    promisedLimitDays: 30,
    supplement: { deadlineDays: 5, onExpiry: 'suspend-case' },
    delivery: ['window'],
  };
}

describe('buildItemGraph', () => {
  it('links an item to the bundle items producing the licences it depends on', () => {
    const catalogue = [
      item('business', 3, ['business-licence']),
      item('food', 10),
      item('sign', 2),
    ];
    const { nodes, unproduced } = buildItemGraph(
      bundle([
        { item: 'business' },
        { item: 'food', dependsOn: ['business-licence'] },
        { item: 'sign', dependsOn: ['business-licence', 'nobody-makes-this'] },
        { item: 'not-in-catalogue' },
      ]),
      catalogue,
    );
    expect(nodes).toEqual([
      { item: 'business', promisedLimitDays: 3, dependsOnItems: [] },
      { item: 'food', promisedLimitDays: 10, dependsOnItems: ['business'] },
      { item: 'sign', promisedLimitDays: 2, dependsOnItems: ['business'] },
    ]);
    expect(unproduced).toEqual([{ index: 2, dependsOnIndex: 1, licenceType: 'nobody-makes-this' }]);
  });
});

describe('findCycle', () => {
  it('returns null for an acyclic graph', () => {
    const nodes: ItemNode[] = [
      { item: 'a', promisedLimitDays: 1, dependsOnItems: [] },
      { item: 'b', promisedLimitDays: 1, dependsOnItems: ['a'] },
    ];
    expect(findCycle(nodes)).toBeNull();
  });

  it('returns the items of a cycle in order', () => {
    const nodes: ItemNode[] = [
      { item: 'start', promisedLimitDays: 1, dependsOnItems: ['a'] },
      { item: 'a', promisedLimitDays: 1, dependsOnItems: ['b'] },
      { item: 'b', promisedLimitDays: 1, dependsOnItems: ['c'] },
      { item: 'c', promisedLimitDays: 1, dependsOnItems: ['a'] },
    ];
    expect(findCycle(nodes)).toEqual(['a', 'b', 'c']);
  });

  it('finds a self-dependency', () => {
    expect(findCycle([{ item: 'a', promisedLimitDays: 1, dependsOnItems: ['a'] }])).toEqual(['a']);
  });
});

describe('criticalPath', () => {
  // Diamond: top → (left | right) → bottom; the right branch is longer.
  const diamond: ItemNode[] = [
    { item: 'top', promisedLimitDays: 2, dependsOnItems: [] },
    { item: 'left', promisedLimitDays: 3, dependsOnItems: ['top'] },
    { item: 'right', promisedLimitDays: 7, dependsOnItems: ['top'] },
    { item: 'bottom', promisedLimitDays: 4, dependsOnItems: ['left', 'right'] },
    { item: 'alone', promisedLimitDays: 12, dependsOnItems: [] },
  ];

  it('takes the longest chain across a diamond', () => {
    expect(criticalPath(diamond)).toEqual({ path: ['top', 'right', 'bottom'], days: 13 });
  });

  it('picks a lone item when it is longer than every chain', () => {
    const nodes = diamond.map((node) =>
      node.item === 'alone' ? { ...node, promisedLimitDays: 20 } : node,
    );
    expect(criticalPath(nodes)).toEqual({ path: ['alone'], days: 20 });
  });

  it('is empty for no items', () => {
    expect(criticalPath([])).toEqual({ path: [], days: 0 });
  });

  it('refuses a cycle', () => {
    expect(() =>
      criticalPath([
        { item: 'a', promisedLimitDays: 1, dependsOnItems: ['b'] },
        { item: 'b', promisedLimitDays: 1, dependsOnItems: ['a'] },
      ]),
    ).toThrow(/acyclic/);
  });
});

describe('dependantsOf / upstreamOf', () => {
  const chain: ItemNode[] = [
    { item: 'a', promisedLimitDays: 1, dependsOnItems: [] },
    { item: 'b', promisedLimitDays: 1, dependsOnItems: ['a'] },
    { item: 'c', promisedLimitDays: 1, dependsOnItems: ['b'] },
    { item: 'd', promisedLimitDays: 1, dependsOnItems: [] },
  ];

  it('follows dependencies transitively downstream', () => {
    expect(dependantsOf(chain, 'a')).toEqual(['b', 'c']);
    expect(dependantsOf(chain, 'c')).toEqual([]);
  });

  it('follows dependencies transitively upstream', () => {
    expect(upstreamOf(chain, 'c')).toEqual(['a', 'b']);
    expect(upstreamOf(chain, 'd')).toEqual([]);
  });
});
