import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}
interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, unknown> };
}

/** The OpenAPI document's own routes are not API routes. */
const DOCS_ROUTES = /^\/api\/docs/;
const API_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
/** A line of Fastify's route tree: indentation (4 characters a level), segment, methods. */
const TREE_LINE = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/u;

/**
 * Every method + path Fastify actually serves, in OpenAPI path syntax, read off its
 * route tree (`printRoutes`, where each line extends its parent's path).
 */
function servedRoutes(t: TestApp): string[] {
  const fastify = t.app.getHttpAdapter().getInstance() as {
    printRoutes(options: { commonPrefix: boolean }): string;
  };
  const ancestors: string[] = [];
  const routes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = TREE_LINE.exec(line);
    if (!match) continue;
    const [, indent, segment, methods] = match;
    ancestors.length = [...indent].length / 4;
    ancestors.push(segment);
    const path = ancestors.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of methods?.split(', ') ?? []) {
      routes.push(`${method.toLowerCase()} ${path}`);
    }
  }
  return routes.filter((route) => {
    const [method, path] = route.split(' ');
    return API_METHODS.has(method) && !DOCS_ROUTES.test(path);
  });
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp('openapi');
    const response = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    document = response.body as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('documents every route the app serves, with a response and a security decision', () => {
    const routes = servedRoutes(t);
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const operation = document.paths[path]?.[method];
      if (!operation) {
        problems.push(`${route}: missing from the document`);
        continue;
      }
      const security = operation.security ?? document.security;
      if (!security) problems.push(`${route}: no security requirement and not marked public`);
      if (Object.keys(operation.responses ?? {}).length === 0) {
        problems.push(`${route}: no documented response`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents a success answer, and 401/403 beside every signed-in route', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const codes = Object.keys(operation.responses ?? {});
        if (!codes.some((code) => code.startsWith('2'))) problems.push(`${method} ${path}: no 2xx`);
        if (method !== 'get' && !codes.includes('429')) problems.push(`${method} ${path}: no 429`);
        const isPublic = (operation.security ?? document.security)?.length === 0;
        if (!isPublic && !(codes.includes('401') && codes.includes('403'))) {
          problems.push(`${method} ${path}: signed in, but 401/403 not documented`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses a bearer scheme and marks exactly the @Public() routes public', async () => {
    expect(document.components.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
    const catalogue = document.paths['/catalogue/bundles'].get;
    expect(catalogue.security).toEqual([]);
    // A route marked public answers without a token; one that is not answers 401.
    await request(t.app.getHttpServer()).get('/catalogue/bundles').expect(200);
    const cases = document.paths['/cases'].get;
    expect(cases.security ?? document.security).toEqual([{ bearer: [] }]);
    await request(t.app.getHttpServer()).get('/cases').expect(401);
  });

  it('describes the 400 field errors and the 409 allowed events', () => {
    const intake = document.paths['/cases/{id}/intake'].post;
    expect(Object.keys(intake.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    const schemas = (document.components as { schemas: Record<string, { properties: object }> })
      .schemas;
    expect(schemas.ValidationErrorBody.properties).toHaveProperty('errors');
    expect(schemas.ConflictBody.properties).toHaveProperty('allowed');
  });

  it('serves the interactive page', async () => {
    const page = await request(t.app.getHttpServer()).get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
