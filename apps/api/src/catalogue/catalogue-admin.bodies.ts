import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOGUE_ENTRY_STATUSES, CATALOGUE_KINDS } from '@onevisit/persistence';
import { DefinitionErrorBody } from '../http/openapi-schemas.js';

/*
 * Response shapes of the catalogue administration routes, for the OpenAPI document.
 * The kind-specific ones (with the entry's own schema as `body`) are made per kind by
 * the controller factory.
 */

const LABEL = {
  type: 'object',
  additionalProperties: true,
  example: { zh: '食品经营许可', en: 'Food business licence' },
} as const;

export class CatalogueEntrySummaryBody {
  @ApiProperty({ example: 'food-business-licence' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 2,
    description: 'Latest published version; null while only a draft',
  })
  version: number | null;
  @ApiProperty() hasDraft: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class CatalogueVersionSummaryBody {
  @ApiProperty({ enum: CATALOGUE_KINDS }) kind: string;
  @ApiProperty({ example: 'food-business-licence' }) code: string;
  @ApiProperty({ nullable: true, type: Number, example: 2, description: 'null for the draft' })
  version: number | null;
  @ApiProperty({ enum: CATALOGUE_ENTRY_STATUSES }) status: string;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of the body' }) checksum: string;
  @ApiProperty({ example: 'admin-1' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: Date | null;
}

export class CatalogueEntryUseBody {
  @ApiProperty({ example: 'open-a-restaurant' }) bundle: string;
  @ApiProperty({ example: 1 }) bundleVersion: number;
  @ApiProperty({ enum: ['published', 'retired'] }) bundleStatus: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The entry's version whose content that bundle version froze",
  })
  entryVersion: number | null;
  @ApiProperty({ description: "The frozen copy is the entry's latest published version" })
  upToDate: boolean;
}

export class CatalogueEntryOverviewBody {
  @ApiProperty({ enum: CATALOGUE_KINDS }) kind: string;
  @ApiProperty({ example: 'food-business-licence' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty() hasDraft: boolean;
  @ApiProperty({
    type: [CatalogueVersionSummaryBody],
    description: 'The draft first, then newest first',
  })
  versions: CatalogueVersionSummaryBody[];
  @ApiProperty({
    type: [CatalogueEntryUseBody],
    description: 'Bundle versions (and so their cases) that froze a copy of this entry',
  })
  usedBy: CatalogueEntryUseBody[];
}

export class BundleImpactBody {
  @ApiProperty({ example: 'open-a-restaurant' }) bundle: string;
  @ApiProperty({ example: 1, description: 'Its newest published version: what new cases start on' })
  bundleVersion: number;
  @ApiProperty({
    enum: ['draft', 'version'],
    description: "The bundle's draft if any, else that version's definition",
  })
  checked: string;
  @ApiProperty({
    type: [DefinitionErrorBody],
    description: 'What its next publish would meet with the new content (empty: republish freely)',
  })
  errors: DefinitionErrorBody[];
}

export class CatalogueCheckBody {
  @ApiProperty() valid: boolean;
  @ApiProperty({
    type: [DefinitionErrorBody],
    description: 'Every problem, at its JSON pointer in the entry',
  })
  errors: DefinitionErrorBody[];
  @ApiPropertyOptional({
    type: [BundleImpactBody],
    description: 'Bundles using the entry that have not frozen this content yet',
  })
  impact: BundleImpactBody[];
}
