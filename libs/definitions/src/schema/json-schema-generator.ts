/**
 * JSON Schema (draft-07) of the definition files, generated from the class-validator
 * DTOs so that editors autocomplete and flag errors as the validator would. What the
 * decorators cannot express (the Condition union, "options only for enum fields",
 * no unknown properties) is patched in here.
 *
 * Regenerate the committed files under workflows/schema/ with `npm run workflows:schema`;
 * a unit test fails when they drift from this generator.
 */
import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { BundleDefinitionDto } from '../dto/bundle-definition.dto.js';
import {
  DepartmentCatalogueFileDto,
  LicenceTypeCatalogueFileDto,
  MaterialCatalogueFileDto,
  ServiceItemCatalogueFileDto,
} from '../dto/catalogue-files.dto.js';
import {
  IS_CONDITION,
  IS_REG_EXP,
  NOT_BELOW,
  ONLY_FOR_FIELD_TYPES,
} from '../dto/definition-constraints.js';
import { FIELD_KEY_PATTERN } from '../dto/definition-patterns.js';

type JsonSchema = Record<string, unknown>;

/** The part of class-validator's ValidationMetadata the converters read. */
interface ConstrainedMetadata {
  constraints: unknown[];
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const DEFINITIONS = '#/definitions/';

/** File name → the DTO class of its root object and a title. */
const FILES = {
  'departments.schema.json': {
    root: DepartmentCatalogueFileDto,
    title: 'OneVisit departments (部门)',
  },
  'materials.schema.json': { root: MaterialCatalogueFileDto, title: 'OneVisit materials (材料)' },
  'licence-types.schema.json': {
    root: LicenceTypeCatalogueFileDto,
    title: 'OneVisit licence types (证照类型)',
  },
  'items.schema.json': {
    root: ServiceItemCatalogueFileDto,
    title: 'OneVisit service items (政务服务事项)',
  },
  'bundle.schema.json': { root: BundleDefinitionDto, title: 'OneVisit bundle (一件事)' },
} as const;

export type JsonSchemaFileName = keyof typeof FILES;

/** File name → schema, for every definition file kind. */
export function generateJsonSchemas(): Record<JsonSchemaFileName, JsonSchema> {
  const definitions = dtoDefinitions();
  const out = {} as Record<JsonSchemaFileName, JsonSchema>;
  for (const [fileName, { root, title }] of Object.entries(FILES) as [
    JsonSchemaFileName,
    (typeof FILES)[JsonSchemaFileName],
  ][]) {
    const rootName = schemaName(root.name);
    const { [rootName]: rootSchema, ...rest } = definitions;
    out[fileName] = {
      $schema: DRAFT_07,
      title,
      ...rootSchema,
      definitions: reachableDefinitions(rootSchema, rest),
    };
  }
  return out;
}

/** The file text as written: stable key order from the generator, two-space indent, final newline. */
export function renderJsonSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function dtoDefinitions(): Record<string, JsonSchema> {
  const own = new Set(ownDtoClassNames());
  const options = {
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: DEFINITIONS,
    additionalConverters: {
      // Without a `type`, so that @IsInt's `integer` is not overwritten by `number`.
      [ValidationTypes.CUSTOM_VALIDATION]: {},
      min: (meta: ConstrainedMetadata) => ({ minimum: meta.constraints[0] }),
      max: (meta: ConstrainedMetadata) => ({ maximum: meta.constraints[0] }),
      [IS_CONDITION]: { $ref: `${DEFINITIONS}Condition` },
      [IS_REG_EXP]: { format: 'regex' },
      // Cross-property rules; the validator reports them.
      [NOT_BELOW]: {},
      [ONLY_FOR_FIELD_TYPES]: {},
    },
  };
  // The library types converters as OpenAPI schema objects, which have no `$ref`; the JSON is right.
  const generated = validationMetadatasToSchemas(
    options as unknown as Parameters<typeof validationMetadatasToSchemas>[0],
  ) as Record<string, JsonSchema>;

  const definitions: Record<string, JsonSchema> = { Condition: conditionSchema() };
  for (const name of [...own].sort()) {
    const schema = generated[name];
    if (schema === undefined) continue;
    definitions[schemaName(name)] = renameRefs({
      ...schema,
      additionalProperties: false,
    }) as JsonSchema;
  }
  definitions.FormField = {
    ...definitions.FormField,
    // Enum fields must list their options (the DTO uses @ValidateIf, which a schema cannot see).
    if: { properties: { type: { const: 'enum' } }, required: ['type'] },
    then: { required: ['options'] },
  };
  return definitions;
}

/** Names of the DTO classes of this lib: other code may register class-validator metadata too. */
function ownDtoClassNames(): string[] {
  // class-validator has no public listing of its metadata; the schema library reads the same map.
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, { target: unknown }[]>;
  };
  const names = new Set<string>();
  for (const metas of storage.validationMetadatas.values()) {
    for (const meta of metas) {
      const name = (meta.target as { name?: string }).name;
      if (name !== undefined && OWN_DTO_NAMES.has(name)) names.add(name);
    }
  }
  return [...names];
}

const OWN_DTO_NAMES = new Set([
  'LabelDto',
  'DepartmentDto',
  'MaterialDto',
  'LicenceTypeDto',
  'EnumOptionDto',
  'FormFieldDto',
  'ItemMaterialDto',
  'SpecialProcedureDto',
  'CommitmentRuleDto',
  'InstantApprovalRuleDto',
  'ServiceItemDto',
  'BundleItemDto',
  'SupplementRuleDto',
  'BundleDefinitionDto',
  'DepartmentCatalogueFileDto',
  'MaterialCatalogueFileDto',
  'LicenceTypeCatalogueFileDto',
  'ServiceItemCatalogueFileDto',
]);

/** `LabelDto` → `Label`: the schema speaks of the format, not of our classes. */
function schemaName(className: string): string {
  return className.replace(/Dto$/, '');
}

function renameRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renameRefs);
  if (typeof value !== 'object' || value === null) return value;
  // Beside a $ref, draft-07 ignores every other keyword (class-validator-jsonschema adds
  // `not: null` for @IsDefined): keep the $ref alone.
  const entries =
    '$ref' in value
      ? Object.entries(value).filter(([key]) => key === '$ref')
      : Object.entries(value);
  return Object.fromEntries(
    entries.map(([key, entry]) =>
      key === '$ref' && typeof entry === 'string'
        ? [key, DEFINITIONS + schemaName(entry.slice(DEFINITIONS.length))]
        : [key, renameRefs(entry)],
    ),
  );
}

/** Definitions `root` refers to, directly or not, in name order. */
function reachableDefinitions(
  root: JsonSchema | undefined,
  all: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const found = new Set<string>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const value = queue.pop();
    if (Array.isArray(value)) {
      queue.push(...(value as unknown[]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, entry] of Object.entries(value)) {
        if (key === '$ref' && typeof entry === 'string') {
          const name = entry.slice(DEFINITIONS.length);
          if (!found.has(name) && all[name] !== undefined) {
            found.add(name);
            queue.push(all[name]);
          }
        } else {
          queue.push(entry);
        }
      }
    }
  }
  return Object.fromEntries([...found].sort().map((name) => [name, all[name]]));
}

/** The Condition union, exactly one shape per node (mirrors dto/condition-shape.ts). */
function conditionSchema(): JsonSchema {
  const ref = { $ref: `${DEFINITIONS}Condition` };
  const fieldKey = { type: 'string', pattern: FIELD_KEY_PATTERN.source };
  const leaf = (operator: string, operand: JsonSchema): JsonSchema => ({
    type: 'object',
    properties: { field: fieldKey, [operator]: operand },
    required: ['field', operator],
    additionalProperties: false,
  });
  const branch = (operator: string, operand: JsonSchema): JsonSchema => ({
    type: 'object',
    properties: { [operator]: operand },
    required: [operator],
    additionalProperties: false,
  });
  return {
    description: 'A condition on form answers: exactly one of equals, in, truthy, all, any, not.',
    oneOf: [
      leaf('equals', { type: ['string', 'number', 'boolean'] }),
      leaf('in', { type: 'array', minItems: 1, items: { type: ['string', 'number'] } }),
      leaf('truthy', { type: 'boolean' }),
      branch('all', { type: 'array', minItems: 1, items: ref }),
      branch('any', { type: 'array', minItems: 1, items: ref }),
      branch('not', ref),
    ],
  };
}
