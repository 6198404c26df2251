import type { OpenAPIObject } from '@nestjs/swagger';
import { generateJsonSchemas } from '@onevisit/definitions';

type Schema = Record<string, unknown>;

/** Component names of the definition documents the admin routes take and return. */
export const DEFINITION_SCHEMA = {
  bundle: 'BundleDefinition',
  department: 'Department',
  material: 'Material',
  'licence-type': 'LicenceType',
  item: 'ServiceItem',
} as const;

/** A `$ref` to a component schema, for `@ApiBody` and `@ApiProperty`. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * Adds the JSON Schemas of the definition format (the same ones `workflows/schema/` holds,
 * generated from the validation classes) to the OpenAPI document's components, so that a
 * client generated from the document knows the shape of a bundle or a service item. The
 * generator writes draft-07; this keeps to what OpenAPI 3.0 reads.
 */
export function addDefinitionSchemas(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(definitionSchemas())) {
    schemas[name] ??= schema;
  }
}

/** Every definition schema by component name: the nested ones and the document roots. */
export function definitionSchemas(): Record<string, Schema> {
  const files = generateJsonSchemas();
  const out: Record<string, Schema> = {};
  for (const file of Object.values(files)) {
    for (const [name, schema] of Object.entries((file.definitions ?? {}) as Record<string, Schema>))
      out[name] = toOpenApi30(schema) as Schema;
  }
  const bundle: Schema = { ...files['bundle.schema.json'] };
  delete bundle.$schema;
  delete bundle.definitions;
  out[DEFINITION_SCHEMA.bundle] = toOpenApi30(bundle) as Schema;
  return out;
}

/** draft-07 → OpenAPI 3.0: refs into components, type lists as anyOf, no if/then, const as enum. */
export function toOpenApi30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenApi30);
  if (typeof value !== 'object' || value === null) return value;
  const out: Schema = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === '$ref' && typeof entry === 'string') {
      out.$ref = entry.replace('#/definitions/', '#/components/schemas/');
    } else if (key === 'type' && Array.isArray(entry)) {
      out.anyOf = entry.map((type: unknown) => ({ type }));
    } else if (key === 'const') {
      out.enum = [entry];
    } else if (key !== 'if' && key !== 'then' && key !== '$schema') {
      out[key] = toOpenApi30(entry);
    }
  }
  return out;
}
