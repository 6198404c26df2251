/** What the process shape tells the observability module. */
export interface ObservabilityOptions {
  /** Queues to report the depth of and to dashboard, when this process has them. */
  queues: readonly string[];
}

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
