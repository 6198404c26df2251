import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateJsonSchemas,
  renderJsonSchema,
  type JsonSchemaFileName,
} from './json-schema-generator.js';

const SCHEMA_DIR = join(process.cwd(), 'workflows', 'schema');

describe('generateJsonSchemas', () => {
  const schemas = generateJsonSchemas();

  it.each(Object.keys(schemas) as JsonSchemaFileName[])(
    'matches the committed workflows/schema/%s (regenerate with `npm run workflows:schema`)',
    (fileName) => {
      // Compared as data, so that a formatter touching the files' whitespace is no drift.
      const committed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, fileName), 'utf8'));
      expect(committed).toEqual(JSON.parse(renderJsonSchema(schemas[fileName])));
    },
  );

  it('forbids unknown properties everywhere and lets files carry $schema', () => {
    const items = schemas['items.schema.json'] as {
      additionalProperties: boolean;
      properties: Record<string, unknown>;
      definitions: Record<
        string,
        { additionalProperties?: boolean; oneOf?: { additionalProperties?: boolean }[] }
      >;
    };
    expect(items.additionalProperties).toBe(false);
    expect(items.properties).toHaveProperty('$schema');
    // A condition (used by instant-approval rules) is a union: each of its shapes is closed.
    for (const definition of Object.values(items.definitions)) {
      for (const shape of definition.oneOf ?? [definition])
        expect(shape.additionalProperties).toBe(false);
    }
  });

  it('describes conditions as exactly one of six shapes and requires options for enum fields', () => {
    const bundle = schemas['bundle.schema.json'] as {
      definitions: Record<string, Record<string, unknown>>;
    };
    expect((bundle.definitions.Condition.oneOf as unknown[]).length).toBe(6);
    expect(bundle.definitions.BundleItem.properties).toMatchObject({
      when: { $ref: '#/definitions/Condition' },
    });
    expect(bundle.definitions.FormField).toMatchObject({ then: { required: ['options'] } });
  });

  it('keeps integer types where @IsInt and @Min meet', () => {
    const items = schemas['items.schema.json'] as {
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(items.definitions.ServiceItem.properties.legalLimitDays).toEqual({
      type: 'integer',
      minimum: 0,
    });
  });
});
