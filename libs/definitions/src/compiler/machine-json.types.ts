/**
 * The shape of the machine JSON the compiler writes: a subset of the XState v5 config
 * (no functions, guards and actions by name with params), typed so that the builder,
 * `toMermaid` and `allowedEvents` read the same structure.
 */
export interface NamedRef {
  type: string;
  params?: object;
}

export interface TransitionJson {
  target?: string;
  guard?: string | NamedRef;
  actions?: (string | NamedRef)[];
  description?: string;
}

export type TransitionsJson = TransitionJson | TransitionJson[];

export interface StateJson {
  id?: string;
  type?: 'parallel' | 'final';
  initial?: string;
  tags?: string[];
  meta?: Record<string, unknown>;
  description?: string;
  entry?: (string | NamedRef)[];
  exit?: (string | NamedRef)[];
  always?: TransitionsJson;
  on?: Record<string, TransitionsJson>;
  states?: Record<string, StateJson>;
}

export interface RootStateJson extends StateJson {
  id: string;
  context: Record<string, unknown>;
}

export function transitionsOf(value: TransitionsJson | undefined): TransitionJson[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
