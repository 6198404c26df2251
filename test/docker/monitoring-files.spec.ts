import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DOCKER_DIR } from './docker-files.js';

/**
 * Metrics that the reconciler of effects and timers reports (effects dispatched but not
 * done past their lease, timers past their run time); named here ahead of it so that the
 * alert rules and the dashboard need no change when it lands.
 */
const ANNOUNCED = ['onevisit_outbox_past_lease', 'onevisit_timers_past_due'];
/** prom-client's default process metrics, under the `onevisit_` prefix. */
const DEFAULTS = ['onevisit_process_cpu_seconds_total', 'onevisit_process_resident_memory_bytes'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every metric name the code registers (`'onevisit_…'` literals). */
function registeredMetrics(): Set<string> {
  const names = new Set<string>([...ANNOUNCED, ...DEFAULTS]);
  for (const file of sources(join(process.cwd(), 'libs'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(onevisit_[a-z_]+)'/g)) {
      if (match[1]) names.add(match[1]);
    }
  }
  return names;
}

function metricsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\bonevisit_[a-z_]+/g)].map((m) => m[0]))];
}

function known(name: string, registered: Set<string>): boolean {
  return registered.has(name.replace(/_(bucket|count|sum)$/, '')) || registered.has(name);
}

describe('monitoring files in docker/', () => {
  const registered = registeredMetrics();
  const rules = parse(readFileSync(join(DOCKER_DIR, 'prometheus', 'alerts.yaml'), 'utf8')) as {
    groups: { rules: { alert: string; expr: string; labels: { severity: string } }[] }[];
  };
  const alerts = rules.groups.flatMap((group) => group.rules);
  const dashboard = JSON.parse(
    readFileSync(join(DOCKER_DIR, 'grafana', 'onevisit-dashboard.json'), 'utf8'),
  ) as { panels: { title: string; targets: { expr: string }[] }[] };

  it('alerts on what the operator must act on', () => {
    const expressions = alerts.map((rule) => rule.expr).join('\n');
    for (const metric of [
      'onevisit_outbox_past_lease',
      'onevisit_timers_past_due',
      'onevisit_open_incidents',
      'onevisit_queue_jobs',
      'onevisit_overdue_items',
      'onevisit_http_request_duration_seconds_count{status=~"5.."}',
      'onevisit_demo_adapter',
    ]) {
      expect(expressions).toContain(metric);
    }
    for (const rule of alerts)
      expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
  });

  it('uses only metrics the code registers, in rules and in the dashboard', () => {
    const used = [
      ...metricsIn(alerts.map((rule) => rule.expr).join('\n')),
      ...metricsIn(
        dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr)).join('\n'),
      ),
    ];
    expect(used.filter((name) => !known(name, registered))).toEqual([]);
  });

  it('combines gauges read from the database or Redis with max, never sum (every process reports them)', () => {
    const shared = [
      'onevisit_cases',
      'onevisit_overdue_items',
      'onevisit_open_incidents',
      'onevisit_queue_jobs',
    ];
    const expressions = [
      ...alerts.map((rule) => rule.expr),
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
    ];
    for (const expr of expressions) {
      for (const metric of shared) {
        if (expr.includes(`${metric}`))
          expect(expr).not.toMatch(new RegExp(`sum[^(]*\\(\\s*${metric}\\b`));
      }
    }
  });
});
