import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, TASK_STATUSES } from '@onevisit/persistence';
import { DEFINITION_SCHEMA, schemaRef } from './definition-schemas.js';
import { AllowedEventBody } from './openapi-errors.js';

/*
 * Response shapes for the OpenAPI document. Services return plain interfaces, which
 * carry no runtime metadata: these classes describe them for the document only.
 */

const OBJECT = { type: 'object', additionalProperties: true } as const;
/** A zh-CN label with an optional English one beside it. */
const LABEL = { ...OBJECT, example: { zh: '开办餐馆', en: 'Open a restaurant' } } as const;

export class CaseItemViewBody {
  @ApiProperty({ example: 'food-business-licence' }) item: string;
  @ApiProperty({ example: 'market-regulation' }) department: string;
  @ApiProperty({ example: 'review' }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-03-14', description: 'YYYY-MM-DD' })
  dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) reason: string | null;
}

export class ApplicantTodoBody {
  @ApiProperty({ enum: ['resubmit', 'supply-materials', 'collect-results', 'rate'] })
  action: string;
  @ApiPropertyOptional({ type: 'array', items: OBJECT }) problems?: unknown[];
  @ApiPropertyOptional({ type: [String] }) materials?: string[];
}

export class CaseEventViewBody {
  @ApiProperty({ example: 3 }) seq: number;
  @ApiProperty({ example: 'ACCEPT' }) type: string;
  @ApiProperty(OBJECT) actor: Record<string, unknown>;
  @ApiProperty({ description: 'State before' }) from: unknown;
  @ApiProperty({ description: 'State after' }) to: unknown;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

export class BundleRefBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class PartyBody {
  @ApiProperty({ example: 'zhang-san' }) sub: string;
  @ApiProperty({ example: '张三' }) name: string;
}

/** A case as the API shows it (办件进度). */
export class CaseViewBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: BundleRefBody }) bundle: BundleRefBody;
  @ApiProperty({ enum: CASE_STATUSES, example: 'intake' }) status: string;
  @ApiProperty({ example: 2, description: 'Send it back as expectedVersion' }) version: number;
  @ApiProperty({ type: PartyBody }) applicant: PartyBody;
  @ApiProperty({ nullable: true, type: String }) proxySub: string | null;
  @ApiProperty({ nullable: true, type: String }) window: string | null;
  @ApiProperty({ description: "The machine's state value", ...OBJECT }) state: unknown;
  @ApiProperty({ nullable: true, type: String, example: null }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeReason: string | null;
  @ApiProperty({ type: [CaseItemViewBody] }) items: CaseItemViewBody[];
  @ApiProperty({ type: 'array', items: OBJECT }) problems: unknown[];
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty({ type: 'array', items: OBJECT }) licences: unknown[];
  @ApiProperty({ type: 'array', items: OBJECT }) breaches: unknown[];
  @ApiProperty({ nullable: true, ...OBJECT }) rating: unknown;
  @ApiProperty({ type: [ApplicantTodoBody] }) applicantTodo: ApplicantTodoBody[];
  @ApiProperty({ type: [AllowedEventBody] }) allowedEvents: AllowedEventBody[];
  @ApiPropertyOptional({ type: [CaseEventViewBody] }) timeline?: CaseEventViewBody[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class TaskBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ nullable: true, type: String, example: 'food-business-licence' })
  item: string | null;
  @ApiProperty({ example: 'market-regulation' }) department: string;
  @ApiProperty({ example: 'review' }) kind: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-03-14' }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: Date | null;
  @ApiProperty({ example: 2 }) madeAtVersion: number;
}

export class DefinitionErrorBody {
  @ApiProperty({ example: '/items/0/code' }) pointer: string;
  @ApiProperty({ example: 'unknown service item "x"' }) message: string;
  @ApiProperty({ example: 'unknown-item' }) code: string;
}

export class DefinitionCheckBody {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [DefinitionErrorBody] }) errors: DefinitionErrorBody[];
}

export class BundleVersionSummaryBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty({ nullable: true, type: Number, example: 1, description: 'null for a draft' })
  version: number | null;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) checksum: string | null;
  @ApiProperty({ example: 'admin-1' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) retiredAt: Date | null;
}

export class BundleOverviewBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty() hasDraft: boolean;
  @ApiProperty({ nullable: true, type: Number }) latestVersion: number | null;
  @ApiProperty({ type: [BundleVersionSummaryBody] }) versions: BundleVersionSummaryBody[];
}

export class BundleVersionDetailBody extends BundleVersionSummaryBody {
  @ApiProperty({
    description: 'The definition as written',
    allOf: [schemaRef(DEFINITION_SCHEMA.bundle)],
  })
  definition: unknown;
  @ApiProperty({
    nullable: true,
    description: 'Merged form and materials, notification, machine, diagram',
    ...OBJECT,
  })
  compiled: unknown;
}

export class PublishResultBody {
  @ApiProperty({ description: 'False when identical content was already published' })
  created: boolean;
  @ApiProperty({ type: BundleVersionDetailBody }) version: BundleVersionDetailBody;
}

export class PublicBundleItemBody {
  @ApiProperty({ example: 'food-business-licence' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({ example: 'market-regulation' }) department: string;
  @ApiProperty(LABEL) departmentName: unknown;
  @ApiProperty({ example: 10 }) promisedLimitDays: number;
  @ApiProperty() conditional: boolean;
}

export class PublicBundleSummaryBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'enterprise' }) applicantKind: string;
  @ApiProperty({ example: 15 }) promisedLimitDays: number;
  @ApiProperty({ example: 5 }) estimatedDays: number;
  @ApiProperty({ type: [PublicBundleItemBody] }) items: PublicBundleItemBody[];
}

export class PublicBundleDetailBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: 'array', items: OBJECT, description: 'The one form (一表申请)' })
  form: unknown[];
  @ApiProperty({ type: 'array', items: OBJECT, description: 'The one material set' })
  materials: unknown[];
  @ApiProperty({ description: 'One-time notification (一次性告知)', ...OBJECT })
  notification: unknown;
}

export class LicenceCheckBody {
  @ApiProperty({ example: 'FB-2025-000001' }) number: string;
  @ApiProperty({ example: 'food-business-licence' }) type: string;
  @ApiProperty({ example: '张*', description: 'Masked' }) holderName: string;
  @ApiProperty({ example: 'market-regulation' }) issuer: string;
  @ApiProperty({ example: '2025-03-01T08:00:00.000Z' }) issuedAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2030-02-28' }) validUntil: string | null;
  @ApiProperty({ enum: ['valid', 'revoked', 'forged', 'expired'] }) status: string;
}

export class HeldLicenceBody {
  @ApiProperty() number: string;
  @ApiProperty() type: string;
  @ApiProperty(OBJECT) holder: unknown;
  @ApiProperty() issuer: string;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt: Date;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty() revoked: boolean;
  @ApiProperty({ description: 'The sealed content', ...OBJECT }) content: unknown;
  @ApiProperty({ description: 'base64url Ed25519 seal' }) seal: string;
}

export class IncidentBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'licences' }) queue: string;
  @ApiProperty({ example: 'licence.issue' }) jobName: string;
  @ApiProperty() jobId: string;
  @ApiProperty(OBJECT) payload: Record<string, unknown>;
  @ApiProperty({ example: 'seal key missing' }) error: string;
  @ApiProperty({ example: 5 }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy: string | null;
}

/** A catalogue row (service item, material) as defined under workflows/. */
export class CatalogueEntryBody {
  @ApiProperty({ example: 'food-business-licence' }) code: string;
  @ApiProperty(LABEL) name: unknown;
}
