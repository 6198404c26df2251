/**
 * Draws the machine JSON as a Mermaid `stateDiagram-v2`: compound states as composite
 * states, parallel regions separated by `--`, final states to `[*]`, transitions labelled
 * with their event (or `always` and the guard for eventless ones).
 *
 * Mermaid cannot draw an arrow between states of different composite states, so each
 * arrow is drawn between the children of the closest common compound ancestor of its
 * ends (e.g. an approval from deep inside `active` is drawn `active --> issuing`).
 */
import type { MachineJson } from '../compiled.types.js';
import { transitionsOf, type StateJson, type TransitionJson } from './machine-json.types.js';

interface Node {
  path: string[];
  json: StateJson;
  parent: Node | null;
  children: Node[];
  mermaidId: string;
}

export function toMermaid(machineJson: MachineJson): string {
  const rootJson = machineJson as StateJson;
  const rootName = typeof rootJson.id === 'string' ? rootJson.id : 'machine';
  const byId = new Map<string, Node>();
  const usedIds = new Set<string>();

  const build = (json: StateJson, path: string[], parent: Node | null): Node => {
    const base = ['s', ...(path.length === 0 ? [rootName] : path)]
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_');
    let mermaidId = base;
    for (let n = 2; usedIds.has(mermaidId); n++) mermaidId = `${base}_${n}`;
    usedIds.add(mermaidId);
    const node: Node = { path, json, parent, children: [], mermaidId };
    if (json.id !== undefined) byId.set(json.id, node);
    node.children = Object.entries(json.states ?? {}).map(([key, child]) =>
      build(child, [...path, key], node),
    );
    return node;
  };
  const root = build(rootJson, [], null);

  // Edges grouped by the compound node whose block draws them.
  const edges = new Map<Node, string[]>();
  const addEdges = (node: Node): void => {
    const outgoing: [string, TransitionJson][] = [
      ...transitionsOf(node.json.always).map((t): [string, TransitionJson] => [alwaysLabel(t), t]),
      ...Object.entries(node.json.on ?? {}).flatMap(([event, ts]) =>
        transitionsOf(ts).map((t): [string, TransitionJson] => [event, t]),
      ),
    ];
    for (const [label, transition] of outgoing) {
      const target =
        transition.target === undefined ? node : resolveTarget(node, transition.target, byId);
      if (!target)
        throw new Error(`cannot resolve target "${transition.target}" from ${node.path.join('.')}`);
      const [from, to, owner] = liftEnds(node, target);
      const list = edges.get(owner) ?? [];
      const line = `${from.mermaidId} --> ${to.mermaidId} : ${label}`;
      // Lifting can make two transitions one arrow (DENY from review and from deciding).
      if (!list.includes(line)) list.push(line);
      edges.set(owner, list);
    }
    node.children.forEach(addEdges);
  };
  addEdges(root);

  const lines = ['stateDiagram-v2'];
  const render = (node: Node, depth: number): void => {
    const pad = '  '.repeat(depth);
    const label = node.path.length === 0 ? rootName : node.path[node.path.length - 1];
    if (node.children.length === 0) {
      lines.push(`${pad}state "${escapeLabel(label)}" as ${node.mermaidId}`);
    } else {
      lines.push(`${pad}state "${escapeLabel(label)}" as ${node.mermaidId} {`);
      if (node.json.type === 'parallel') {
        node.children.forEach((child, index) => {
          if (index > 0) lines.push(`${pad}  --`);
          render(child, depth + 1);
        });
      } else {
        const initial =
          node.children.find((child) => child.path.at(-1) === node.json.initial) ??
          node.children[0];
        if (initial) lines.push(`${pad}  [*] --> ${initial.mermaidId}`);
        node.children.forEach((child) => render(child, depth + 1));
        for (const child of node.children) {
          if (child.json.type === 'final') lines.push(`${pad}  ${child.mermaidId} --> [*]`);
        }
      }
      for (const edge of edges.get(node) ?? []) lines.push(`${pad}  ${edge}`);
      lines.push(`${pad}}`);
    }
  };
  render(root, 0);
  if (root.json.type !== 'parallel') lines.splice(1, 0, `  [*] --> ${root.mermaidId}`);
  return `${lines.join('\n')}\n`;
}

function alwaysLabel(transition: TransitionJson): string {
  const guard = transition.guard;
  const name = guard === undefined ? '' : typeof guard === 'string' ? guard : guard.type;
  return name === '' ? 'always' : `always (${name})`;
}

function escapeLabel(label: string): string {
  return label.replace(/"/g, "'");
}

/** XState target syntax: `#id.path`, `.child`, or a sibling path. */
function resolveTarget(source: Node, target: string, byId: Map<string, Node>): Node | undefined {
  let start: Node | undefined;
  let rest: string[];
  if (target.startsWith('#')) {
    const [id, ...path] = target.slice(1).split('.');
    start = byId.get(id);
    rest = path;
  } else if (target.startsWith('.')) {
    start = source;
    rest = target.slice(1).split('.');
  } else {
    start = source.parent ?? source;
    rest = target.split('.');
  }
  for (const key of rest) start = start?.children.find((child) => child.path.at(-1) === key);
  return start;
}

/**
 * The two ends lifted to siblings under their closest common ancestor that is not a
 * parallel region boundary, and the node whose block draws the arrow. A self-loop stays
 * on its node, drawn in its parent's block.
 */
function liftEnds(source: Node, target: Node): [Node, Node, Node] {
  const chain = (node: Node): Node[] => {
    const list: Node[] = [];
    for (let at: Node | null = node; at; at = at.parent) list.unshift(at);
    return list;
  };
  const a = chain(source);
  const b = chain(target);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  if (common === a.length || common === b.length) {
    // One end contains the other (or they are the same): draw a loop on the outer one.
    const outer = common === a.length ? source : target;
    return [outer, outer, outer.parent ?? outer];
  }
  let owner = a[common - 1];
  let from = a[common];
  let to = b[common];
  // Across parallel regions Mermaid has no arrow either: lift to the parallel state itself.
  while (owner.json.type === 'parallel' && owner.parent) {
    from = owner;
    to = owner;
    owner = owner.parent;
  }
  return [from, to, owner];
}
