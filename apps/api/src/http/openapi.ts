import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC } from '@onevisit/auth';
import { addDefinitionSchemas } from './definition-schemas.js';
import { ErrorBody } from './openapi-errors.js';

export const OPENAPI_JSON_PATH = 'api/docs-json';
export const OPENAPI_UI_PATH = 'api/docs';

/** Builds the OpenAPI document of the app: bearer security everywhere except public routes. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OneVisit API')
      .setDescription(
        [
          '"One thing, one visit" (一件事一次办): catalogue, cases, tasks, licences, administration and operations.',
          '',
          'Sign in with a bearer token (`Authorization: Bearer <JWT>`); routes marked with no',
          'security requirement are public. Errors share one shape (`statusCode`, `error`,',
          '`message`); a 400 lists every bad field in `errors`, a 409 on a case lists the',
          'events the case accepts in `allowed`. Every answer carries an `X-Request-Id` header.',
        ].join('\n'),
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ErrorBody] },
  );
  markPublicOperations(app, document);
  addCommonErrors(document);
  addDefinitionSchemas(document);
  return document;
}

/** OpenAPI JSON at /api/docs-json, the interactive page at /api/docs. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
}

/**
 * The document-level requirement says "bearer"; a `@Public()` route overrides it with an
 * empty list, which OpenAPI reads as "no authentication". The public flag is read from the
 * same metadata the auth guard reads, so the document cannot drift from the guard.
 */
function markPublicOperations(app: INestApplication, document: OpenAPIObject): void {
  const publicIds = publicOperationIds(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = pathItem[method];
      if (operation?.operationId && publicIds.has(operation.operationId)) operation.security = [];
    }
  }
}

/** `Controller_method` (the default operation id) of every route marked `@Public()`. */
function publicOperationIds(app: INestApplication): Set<string> {
  const reflector = new Reflector();
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (typeof controller !== 'function') continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [handler, controller])) {
          ids.add(`${controller.name}_${name}`);
        }
      }
    }
  }
  return ids;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };

/**
 * Answers every route can give by construction, added where a controller did not say:
 * 401/403 from the global auth guard on signed-in routes, 429 from the rate limit on
 * writes, 503 while the database is unreachable.
 */
function addCommonErrors(document: OpenAPIObject): void {
  const common: [string, string, (signedIn: boolean, method: string) => boolean][] = [
    ['401', 'No bearer token, or an invalid or expired one', (signedIn) => signedIn],
    ['403', 'This role may not call this route', (signedIn) => signedIn],
    [
      '429',
      'Too many writes from this client: retry after the Retry-After delay',
      (_, method) => method !== 'get',
    ],
    ['503', 'The database is unreachable: retry later', () => true],
  ];
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const signedIn = operation.security === undefined || operation.security.length > 0;
      for (const [status, description, applies] of common) {
        if (!applies(signedIn, method) || operation.responses[status]) continue;
        operation.responses[status] = {
          description,
          content: { 'application/json': { schema: ERROR_REF } },
        };
      }
    }
  }
}
