import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOGUE_KINDS } from '@onevisit/persistence';
import { DefinitionErrorBody } from '../http/openapi-schemas.js';

/* Response shapes of the bundle studio routes (preview, diff), for the OpenAPI document. */

const OBJECT = { type: 'object', additionalProperties: true } as const;
const VERSION_OR_DRAFT: { oneOf: { type: string; minimum?: number; enum?: string[] }[] } = {
  oneOf: [
    { type: 'integer', minimum: 1 },
    { type: 'string', enum: ['draft'] },
  ],
};

export class FrozenEntryBody {
  @ApiProperty({ enum: CATALOGUE_KINDS }) kind: string;
  @ApiProperty({ example: 'food-operation-licence' }) code: string;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) version: number | null;
}

export class BundlePreviewContentBody {
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description: 'The merged form (一表申请), as applicants fill it',
  })
  form: unknown[];
  @ApiProperty({ type: 'array', items: OBJECT, description: 'The merged material set (一套材料)' })
  materials: unknown[];
  @ApiProperty({
    ...OBJECT,
    description:
      'The one-time notification (一次告知), with criticalPath, estimatedDays and its text',
  })
  notification: unknown;
  @ApiProperty({ description: 'Mermaid stateDiagram-v2 text of the case machine' }) diagram: string;
  @ApiProperty({
    type: [FrozenEntryBody],
    description: 'Catalogue entries publishing would freeze',
  })
  catalogue: FrozenEntryBody[];
}

export class BundlePreviewBody {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [DefinitionErrorBody] }) errors: DefinitionErrorBody[];
  @ApiProperty({ type: BundlePreviewContentBody, nullable: true })
  preview: BundlePreviewContentBody | null;
}

export class DiffSideBody {
  @ApiProperty({ example: '/items/1/promisedLimitDays' }) pointer: string;
  @ApiProperty({ description: 'The JSON value there' }) value: unknown;
}

export class JsonChangeBody {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) op: string;
  @ApiPropertyOptional({
    type: DiffSideBody,
    description: 'In the older document (absent when added)',
  })
  before?: DiffSideBody;
  @ApiPropertyOptional({
    type: DiffSideBody,
    description: 'In the newer document (absent when removed)',
  })
  after?: DiffSideBody;
}

class AddedRemovedBody {
  @ApiProperty({ type: [String] }) added: string[];
  @ApiProperty({ type: [String] }) removed: string[];
}

class ItemChangesBody extends AddedRemovedBody {
  @ApiProperty({
    type: [String],
    description: 'Items whose own entry or place in the bundle changed',
  })
  changed: string[];
}

class NumberPairBody {
  @ApiProperty() before: number;
  @ApiProperty() after: number;
}

class PathPairBody {
  @ApiProperty({ type: [String] }) before: string[];
  @ApiProperty({ type: [String] }) after: string[];
}

export class BundleDiffSummaryBody {
  @ApiProperty({ type: ItemChangesBody }) items: ItemChangesBody;
  @ApiProperty({ type: AddedRemovedBody, description: 'Fields of the merged form, by key' })
  formFields: AddedRemovedBody;
  @ApiProperty({ type: AddedRemovedBody, description: 'Materials of the merged set, by code' })
  materials: AddedRemovedBody;
  @ApiProperty({ type: NumberPairBody }) promisedLimitDays: NumberPairBody;
  @ApiProperty({ type: NumberPairBody }) estimatedDays: NumberPairBody;
  @ApiProperty({ type: PathPairBody }) criticalPath: PathPairBody;
}

export class ComparedSideBody {
  @ApiProperty({ ...VERSION_OR_DRAFT, description: 'A version number, or "draft"' }) version:
    number | string;
  @ApiProperty({ nullable: true, type: String, description: 'null for the draft' }) checksum:
    string | null;
}

export class BundleComparisonBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty({ type: ComparedSideBody }) from: ComparedSideBody;
  @ApiProperty({ type: ComparedSideBody }) to: ComparedSideBody;
  @ApiProperty() identical: boolean;
  @ApiProperty({
    type: [JsonChangeBody],
    description:
      'Every change, at JSON pointers into the resolved bundle { bundle, items, materials, licenceTypes, departments }',
  })
  changes: JsonChangeBody[];
  @ApiProperty({ type: BundleDiffSummaryBody }) summary: BundleDiffSummaryBody;
}
