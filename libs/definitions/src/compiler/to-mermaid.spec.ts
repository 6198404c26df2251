import { buildMachineJson } from './build-machine-json.js';
import { restaurantBundle } from './testing/restaurant.fixture.js';
import { toMermaid } from './to-mermaid.js';

describe('toMermaid', () => {
  const diagram = toMermaid(buildMachineJson(restaurantBundle()));
  const lines = diagram.split('\n').map((line) => line.trim());

  it('is a stateDiagram-v2 with balanced composite blocks', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines.filter((line) => line.endsWith('{')).length).toBe(
      lines.filter((line) => line === '}').length,
    );
  });

  it('declares the states of both regions, with parallel regions separated by --', () => {
    for (const name of ['intake', 'correction', 'processing', 'suspended', 'delivery', 'closed']) {
      expect(diagram).toContain(`state "${name}" as s_case_`);
    }
    for (const name of [
      'biz-licence',
      'food-licence',
      'fire-check',
      'liquor-filing',
      'signboard',
    ]) {
      expect(diagram).toContain(`state "${name}" as s_items_${name.replace('-', '_')} {`);
    }
    // Two top regions, two inside processing, four between five items.
    expect(lines.filter((line) => line === '--')).toHaveLength(1 + 1 + 4);
  });

  it('draws events, final states and only arrows between declared states', () => {
    expect(lines).toContain('s_case_intake --> s_case_processing : ACCEPT');
    expect(lines).toContain('s_case_closed --> [*]');
    expect(lines).toContain(
      's_items_food_licence_committed --> s_items_food_licence_revoked : POST_CHECK_FAILED',
    );
    // An approval deep inside `active` is drawn between siblings.
    expect(lines).toContain('s_items_biz_licence_active --> s_items_biz_licence_issuing : APPROVE');
    const declared = new Set(lines.flatMap((line) => /^state ".*" as (\S+)/.exec(line)?.[1] ?? []));
    const arrows = lines.filter((line) => line.includes('-->'));
    for (const arrow of arrows) {
      const [from, rest] = arrow.split(' --> ') as [string, string];
      const to = rest.split(' : ')[0];
      for (const end of [from, to]) if (end !== '[*]') expect(declared).toContain(end);
    }
    expect(new Set(arrows).size).toBe(arrows.length);
    for (const id of declared) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
