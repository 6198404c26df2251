import fc from 'fast-check';
import type { CaseView } from '@onevisit/engine';
import { type Caller, RESTAURANT_ANSWERS, type Route, SecurityApp } from './security-fixtures.js';

/**
 * Property-based fuzzing of every write route of the OpenAPI document: malformed JSON,
 * oversized, wrongly typed and unexpected payloads. Whatever comes in: no 5xx, a
 * refused payload writes nothing, and a 400, 413 or 415 says which field is wrong.
 */
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** A caller the route lets through, so the payload (not the token) is what is tested. */
function callerFor(route: Route): Caller {
  if (route.path.startsWith('/admin/')) return 'admin';
  if (route.path.startsWith('/tasks')) return 'officer';
  if (route.path.startsWith('/licences/')) return 'anonymous';
  if (route.path.endsWith('/rating')) return 'applicant';
  if (route.path.startsWith('/supervision/')) return 'supervisor';
  return 'clerk';
}

interface Payload {
  kind: 'json' | 'raw';
  value: unknown;
  text?: string;
  contentType?: string;
}

const OVERSIZED = 'x'.repeat(1024 * 1024 + 10);

function payloads(fields: string[]): fc.Arbitrary<Payload> {
  const json = (value: fc.Arbitrary<unknown>) =>
    value.map((v): Payload => ({ kind: 'json', value: v }));
  const wrongTyped =
    fields.length === 0
      ? fc.dictionary(fc.string(), fc.anything())
      : fc.record(Object.fromEntries(fields.map((f) => [f, fc.anything({ maxDepth: 2 })])), {
          requiredKeys: [],
        });
  return fc.oneof(
    json(fc.anything({ maxDepth: 3 })),
    json(wrongTyped),
    json(
      wrongTyped.chain((base) =>
        fc
          .dictionary(fc.string({ minLength: 1 }), fc.jsonValue())
          .map((extra) => ({ ...extra, ...base })),
      ),
    ),
    json(fc.constantFrom(null, [], 0, '', true, { answers: 'x' }, { answers: [1] })),
    fc
      .constantFrom('{', '{"a":', '[1,', 'null', '"str"', '{"__proto__":{"x":1}}', '\u0000\u0001')
      .map((text): Payload => ({
        kind: 'raw',
        value: undefined,
        text,
        contentType: 'application/json',
      })),
    fc.constant<Payload>({
      kind: 'raw',
      value: undefined,
      text: `{"a":"${OVERSIZED}"}`,
      contentType: 'application/json',
    }),
    fc.string().map((text): Payload => ({
      kind: 'raw',
      value: undefined,
      text,
      contentType: 'application/x-www-form-urlencoded',
    })),
    // An empty JSON body, and bodies of types the API does not read.
    fc
      .constantFrom(
        { contentType: 'application/json', text: '' },
        { contentType: 'text/plain', text: 'plain words' },
        { contentType: 'application/xml', text: '<case/>' },
      )
      .map(({ contentType, text }): Payload => ({
        kind: 'raw',
        value: undefined,
        text,
        contentType,
      })),
  );
}

describe('fuzzing every write route', () => {
  let app: SecurityApp;
  let caseId: string;
  let writes: Route[];
  let schemas: Record<string, { properties?: Record<string, unknown> }>;
  let document: {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
    >;
  };

  beforeAll(async () => {
    app = await SecurityApp.start('fuzz');
    writes = (await app.routes()).filter((route) => WRITE_METHODS.includes(route.method));
    const doc = await app.call('anonymous', 'GET', '/api/docs-json');
    document = doc.body as typeof document;
    schemas = (doc.body as { components?: { schemas?: typeof schemas } }).components?.schemas ?? {};
    const started = await app.call('clerk', 'POST', '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: RESTAURANT_ANSWERS,
      applicant: { sub: 'zhang-san', name: '张三' },
    });
    expect(started.status).toBe(201);
    caseId = (started.body as CaseView).id;
  }, 120_000);

  afterAll(() => app?.close(), 60_000);

  function fieldsOf(route: Route): string[] {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    const ref = operation?.requestBody?.content?.['application/json']?.schema?.$ref;
    const name = ref?.split('/').pop();
    return Object.keys((name && schemas[name]?.properties) ?? {});
  }

  it('finds write routes in the document', () => {
    expect(writes.length).toBeGreaterThan(10);
  });

  it('answers every payload without a 5xx, writes nothing when refusing, names fields in 400s', async () => {
    const failures: string[] = [];
    for (const route of writes) {
      const path = route.path
        .replace(
          '{id}',
          route.path.startsWith('/cases/') ? caseId : '00000000-0000-4000-8000-000000000000',
        )
        .replace('{code}', 'open-a-restaurant')
        .replace('{version}', '1')
        .replace('{region}', 'default')
        .replace('{date}', '2026-12-01');
      await fc.assert(
        fc.asyncProperty(payloads(fieldsOf(route)), async (payload) => {
          const before = await app.checksum();
          const response =
            payload.kind === 'json'
              ? await app.call(callerFor(route), route.method, path, payload.value)
              : await app.call(callerFor(route), route.method, path, undefined, {
                  contentType: payload.contentType!,
                  text: payload.text!,
                });
          const shown = `${route.key} ${JSON.stringify(payload).slice(0, 200)} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
          if (response.status >= 500) failures.push(`5xx: ${shown}`);
          if (response.status >= 400 && (await app.checksum()) !== before) {
            failures.push(`refused but wrote: ${shown}`);
          }
          if ([400, 413, 415].includes(response.status) && !namesAField(response.body)) {
            failures.push(`${response.status} without a field: ${shown}`);
          }
        }),
        { numRuns: 8, seed: 20261126 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 300_000);

  it('answers hostile query strings on every read route without a 5xx, naming the field', async () => {
    const failures: string[] = [];
    const operations = document.paths as unknown as Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[] }>
    >;
    const reads = (await app.routes()).filter((route) => route.method === 'GET');
    let fuzzed = 0;
    for (const route of reads) {
      const names = (operations[route.path]?.get?.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name);
      if (names.length === 0) continue;
      fuzzed += 1;
      const path = route.path
        .replace('{code}', 'open-a-restaurant')
        .replace('{region}', 'CN')
        .replace('{table}', 'overdue');
      const value = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '',
          '-1',
          '0',
          '1e309',
          '99999999999',
          '2026-13-45',
          '9999-12-31',
          'draft',
          '[]',
          '{}',
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(names.map((name) => [name, value])), { requiredKeys: [] }),
          async (query) => {
            const search = new URLSearchParams(query as Record<string, string>).toString();
            const response = await app.call(callerFor(route), 'GET', `${path}?${search}`);
            const shown = `${route.key}?${search} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
            if (response.status >= 500) failures.push(`5xx: ${shown}`);
            if (response.status === 400 && !namesAField(response.body)) {
              failures.push(`400 without a field: ${shown}`);
            }
          },
        ),
        { numRuns: 12, seed: 20261207 },
      );
    }
    expect(fuzzed).toBeGreaterThan(5);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 300_000);
});

/**
 * A 400 names what is wrong: `errors[].field` (DTOs, answers, a body that is not JSON) or
 * `errors[].pointer` (JSON pointers of the definitions validator), each with a reason.
 */
function namesAField(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { errors } = body as {
    errors?: { field?: unknown; pointer?: unknown; message?: unknown }[];
  };
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (error) =>
        (typeof error.field === 'string' || typeof error.pointer === 'string') &&
        typeof error.message === 'string' &&
        error.message !== '',
    )
  );
}
