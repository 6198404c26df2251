import { randomUUID } from 'node:crypto';
import type { CaseView } from '@onevisit/engine';
import type { TaskEntity } from '@onevisit/persistence';
import {
  type Caller,
  CALLERS,
  RESTAURANT_ANSWERS,
  type Route,
  SecurityApp,
} from './security-fixtures.js';

/**
 * Every route of the OpenAPI document × every caller: who is let through and who is
 * refused, on their own case/department and on another's. The table is the policy; a
 * route the document has and the table lacks fails the test, so a new route must state
 * who may call it here too.
 */
const EVERYONE: readonly Caller[] = CALLERS;
const STAFF_AND_OWNER: Caller[] = ['applicant', 'clerk', 'officer', 'admin', 'supervisor'];
const SIGNED_IN: Caller[] = CALLERS.filter((caller) => caller !== 'anonymous');
const CALENDAR_READERS: Caller[] = [
  'clerk',
  'clerk-other',
  'officer',
  'officer-other',
  'admin',
  'supervisor',
];

interface Expectation {
  /** Callers let through (any status but 401/403); every other caller must be refused. */
  allow: readonly Caller[];
  body?: (caller: Caller) => unknown;
}

const start = (caller: Caller) => ({
  bundleCode: 'open-a-restaurant',
  answers: RESTAURANT_ANSWERS,
  ...(caller.startsWith('clerk') ? { applicant: { sub: 'zhang-san', name: '张三' } } : {}),
});

/** Catalogue administration: the same nine routes for each kind of entry, admins only. */
const CATALOGUE_ADMIN: Record<string, Expectation> = Object.fromEntries(
  ['departments', 'materials', 'licence-types', 'items'].flatMap((kind) => {
    const base = `/admin/catalogue/${kind}`;
    const admin = { allow: ['admin'] as Caller[] };
    const withBody = { ...admin, body: () => ({}) };
    return [
      [`GET ${base}`, admin],
      [`POST ${base}/validate`, withBody],
      [`POST ${base}/drafts`, withBody],
      [`GET ${base}/{code}`, admin],
      [`PUT ${base}/{code}/draft`, withBody],
      [`GET ${base}/{code}/draft`, admin],
      [`DELETE ${base}/{code}/draft`, admin],
      [`POST ${base}/{code}/publish`, admin],
      [`GET ${base}/{code}/versions/{version}`, admin],
    ];
  }),
);

const MATRIX: Record<string, Expectation> = {
  ...CATALOGUE_ADMIN,
  'GET /health': { allow: EVERYONE },
  'GET /health/live': { allow: EVERYONE },
  'GET /health/ready': { allow: EVERYONE },
  'GET /metrics': { allow: EVERYONE },
  'POST /admin/queues/session': { allow: ['admin'] },
  'GET /catalogue/items': { allow: EVERYONE },
  'GET /catalogue/materials': { allow: EVERYONE },
  'GET /catalogue/bundles': { allow: EVERYONE },
  'GET /catalogue/bundles/{code}': { allow: EVERYONE },
  'GET /admin/bundles': { allow: ['admin'] },
  'POST /admin/bundles/validate': { allow: ['admin'], body: () => ({}) },
  'POST /admin/bundles/drafts': { allow: ['admin'], body: () => ({}) },
  'PUT /admin/bundles/{code}/draft': { allow: ['admin'], body: () => ({}) },
  'GET /admin/bundles/{code}/draft': { allow: ['admin'] },
  'POST /admin/bundles/{code}/publish': { allow: ['admin'] },
  'GET /admin/bundles/{code}/versions': { allow: ['admin'] },
  'GET /admin/bundles/{code}/versions/{version}': { allow: ['admin'] },
  'POST /admin/bundles/{code}/versions/{version}/retire': { allow: ['admin'] },
  'POST /admin/bundles/preview': { allow: ['admin'], body: () => ({}) },
  'GET /admin/bundles/{code}/diff': { allow: ['admin'] },
  'POST /cases': {
    allow: ['applicant', 'applicant-other', 'clerk', 'clerk-other'],
    body: start,
  },
  'GET /cases': {
    allow: ['applicant', 'applicant-other', 'clerk', 'clerk-other', 'admin', 'supervisor'],
  },
  'GET /cases/{id}': { allow: STAFF_AND_OWNER },
  'GET /cases/{id}/events': { allow: STAFF_AND_OWNER },
  'GET /cases/{id}/answers': { allow: STAFF_AND_OWNER },
  'POST /cases/{id}/intake': { allow: ['clerk'], body: () => ({ decision: 'accept' }) },
  'POST /cases/{id}/resubmit': { allow: ['applicant', 'clerk'], body: () => ({ answers: {} }) },
  'POST /cases/{id}/materials': {
    allow: ['applicant', 'clerk'],
    body: () => ({ material: 'business-licence', licenceNumber: 'L-0' }),
  },
  'POST /cases/{id}/deliver': { allow: ['clerk'], body: () => ({ method: 'window' }) },
  'POST /cases/{id}/rating': { allow: ['applicant'], body: () => ({ level: 5 }) },
  'POST /cases/{id}/withdraw': { allow: ['applicant', 'clerk'], body: () => ({}) },
  'GET /supervision/pii-access': { allow: ['supervisor'] },
  'GET /supervision/complaints': { allow: ['supervisor'] },
  'GET /supervision/deadlines': { allow: ['supervisor'] },
  'GET /supervision/durations': { allow: ['supervisor'] },
  'GET /supervision/on-time': { allow: ['supervisor'] },
  'GET /supervision/ratings': { allow: ['supervisor'] },
  'GET /supervision/tables/{table}': { allow: ['supervisor'] },
  // Complaints are tried on an unknown id: the role rules, not a complaint's own checks.
  'POST /complaints': {
    allow: ['applicant', 'applicant-other', 'clerk', 'clerk-other'],
    body: () => ({}),
  },
  'GET /complaints': { allow: SIGNED_IN },
  'GET /complaints/{id}': { allow: SIGNED_IN },
  'POST /complaints/{id}/reply': { allow: ['officer', 'officer-other'], body: () => ({}) },
  'POST /complaints/{id}/forward': { allow: ['officer', 'officer-other'], body: () => ({}) },
  'GET /tasks': { allow: ['officer', 'officer-other', 'supervisor'] },
  'POST /tasks/{id}/claim': { allow: ['officer'] },
  'GET /tasks/{id}': { allow: ['officer'] },
  'POST /tasks/{id}/release': { allow: ['officer'] },
  'POST /tasks/{id}/complete': { allow: ['officer'], body: () => ({ outcome: 'done' }) },
  'GET /admin/incidents': { allow: ['admin'] },
  'POST /admin/incidents/{id}/retry': { allow: ['admin'] },
  'GET /licences/{number}/verify': { allow: EVERYONE },
  'POST /licences/verify': { allow: EVERYONE, body: () => ({}) },
  'GET /licences': { allow: ['applicant', 'applicant-other'] },
  'GET /calendar/warnings': { allow: CALENDAR_READERS },
  'GET /calendar/{region}/due': { allow: CALENDAR_READERS },
  'GET /calendar/{region}/years': { allow: CALENDAR_READERS },
  'GET /calendar/{region}/years/{year}/days': { allow: CALENDAR_READERS },
  'POST /admin/calendar/import': { allow: ['admin'], body: () => ({}) },
  'PUT /admin/calendar/{region}/days/{date}': { allow: ['admin'], body: () => ({}) },
  'DELETE /admin/calendar/{region}/days/{date}': { allow: ['admin'] },
};

/** Routes that change the case for good run last, so earlier rows see it in progress. */
const LAST = ['POST /cases/{id}/withdraw', 'POST /admin/bundles/{code}/versions/{version}/retire'];

describe('authorisation matrix (every route × every caller)', () => {
  let app: SecurityApp;
  let routes: Route[];
  let caseId: string;
  let taskId: string;

  beforeAll(async () => {
    app = await SecurityApp.start('authz-matrix');
    routes = await app.routes();
    // A case taken at window w1 for zhang-san, accepted, so market-regulation has a task.
    const started = await app.call('clerk', 'POST', '/cases', start('clerk'));
    expect(JSON.stringify(started.body)).toMatch(/"id"/);
    expect(started.status).toBe(201);
    const view = started.body as CaseView;
    caseId = view.id;
    expect(view.window).toBe('w1');
    expect(view.items.map((item) => item.department)).toContain('market-regulation');
    expect(view.items.map((item) => item.department)).not.toContain('civil-affairs');
    const accepted = await app.call('clerk', 'POST', `/cases/${caseId}/intake`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const tasks = await app.call('officer', 'GET', '/tasks?status=open');
    const task = (tasks.body as TaskEntity[]).find((t) => t.caseId === caseId);
    expect(task).toBeDefined();
    taskId = task!.id;
  }, 120_000);

  afterAll(() => app?.close(), 60_000);

  it('has an expectation for every route of the OpenAPI document, and no stale one', () => {
    const documented = routes.map((route) => route.key).sort();
    expect(documented.filter((key) => !(key in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !documented.includes(key))).toEqual([]);
    // Sanity: the document really lists the app's routes.
    expect(documented.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
  });

  it('lets through exactly the allowed callers, and denied calls write nothing', async () => {
    const ordered = [...routes].sort(
      (a, b) => Number(LAST.includes(a.key)) - Number(LAST.includes(b.key)),
    );
    const failures: string[] = [];
    for (const route of ordered) {
      const expectation = MATRIX[route.key];
      if (!expectation) continue; // reported by the test above
      const path = concrete(route);
      const denied = CALLERS.filter((caller) => !expectation.allow.includes(caller));
      // Refusals first, against an unchanged database.
      const before = await app.checksum();
      for (const caller of denied) {
        const { status } = await app.call(caller, route.method, path, expectation.body?.(caller));
        const wanted = caller === 'anonymous' ? 401 : 403;
        if (status !== wanted)
          failures.push(`${route.key} as ${caller}: ${status}, wanted ${wanted}`);
      }
      if (denied.length > 0 && (await app.checksum()) !== before) {
        failures.push(`${route.key}: a refused call changed the database`);
      }
      for (const caller of expectation.allow) {
        const { status } = await app.call(caller, route.method, path, expectation.body?.(caller));
        if (status === 401 || status === 403 || status >= 500) {
          failures.push(`${route.key} as ${caller}: ${status}, wanted it let through`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  function concrete(route: Route): string {
    return route.path
      .replace('{code}', 'open-a-restaurant')
      .replace('{version}', '1')
      .replace('{region}', 'default')
      .replace('{year}', '2026')
      .replace('{date}', '2026-12-01')
      .replace('{table}', 'overdue')
      .replace('{number}', 'NOT-A-LICENCE')
      .replace(
        '{id}',
        route.path.startsWith('/tasks/')
          ? taskId
          : route.path.startsWith('/cases/')
            ? caseId
            : randomUUID(),
      );
  }
});
