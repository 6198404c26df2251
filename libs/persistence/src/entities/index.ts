import { BundleDefinitionEntity } from './bundle-definition.entity.js';
import { DepartmentEntity } from './department.entity.js';
import { ExternalMessageEntity } from './external-message.entity.js';
import { LicenceTypeEntity } from './licence-type.entity.js';
import { MaterialEntity } from './material.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { ServiceItemEntity } from './service-item.entity.js';
import { CaseEntity } from './case.entity.js';
import { CaseEventEntity } from './case-event.entity.js';
import { CaseItemEntity } from './case-item.entity.js';
import { TaskEntity } from './task.entity.js';
import { CasePledgeEntity } from './case-pledge.entity.js';
import { CaseMaterialEntity } from './case-material.entity.js';
import { EvaluationEntity } from './evaluation.entity.js';
import { DepartmentKeyEntity } from './department-key.entity.js';
import { LicenceEntity } from './licence.entity.js';
import { IncidentEntity } from './incident.entity.js';
import { DataCheckEntity } from './data-check.entity.js';
import { CaseClockEntity } from './case-clock.entity.js';
import { ComplaintEntity } from './complaint.entity.js';
import { CalendarYearEntity } from './calendar-year.entity.js';
import { CalendarDayEntity } from './calendar-day.entity.js';
import { PiiAccessLogEntity } from './pii-access-log.entity.js';
import { LicenceSequenceEntity } from './licence-sequence.entity.js';
import { CatalogueEntryVersionEntity } from './catalogue-entry-version.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

export * from './bundle-definition.entity.js';
export * from './catalogue-row.columns.js';
export * from './department.entity.js';
export * from './external-message.entity.js';
export * from './licence-type.entity.js';
export * from './material.entity.js';
export * from './outbox.entity.js';
export * from './service-item.entity.js';
export * from './case.entity.js';
export * from './case-event.entity.js';
export * from './case-item.entity.js';
export * from './task.entity.js';
export * from './case-pledge.entity.js';
export * from './case-material.entity.js';
export * from './evaluation.entity.js';
export * from './department-key.entity.js';
export * from './licence.entity.js';
export * from './incident.entity.js';
export * from './data-check.entity.js';
export * from './case-clock.entity.js';
export * from './complaint.entity.js';
export * from './calendar-year.entity.js';
export * from './calendar-day.entity.js';
export * from './pii-access-log.entity.js';
export * from './licence-sequence.entity.js';
export * from './catalogue-entry-version.entity.js';
export * from './idempotency-record.entity.js';

/** Every entity, listed by hand: ESM has no glob loading. */
export const PERSISTENCE_ENTITIES = [
  DepartmentEntity,
  MaterialEntity,
  LicenceTypeEntity,
  ServiceItemEntity,
  BundleDefinitionEntity,
  OutboxEntity,
  ExternalMessageEntity,
  CaseEntity,
  CaseEventEntity,
  CaseItemEntity,
  TaskEntity,
  CasePledgeEntity,
  CaseMaterialEntity,
  EvaluationEntity,
  DepartmentKeyEntity,
  LicenceEntity,
  IncidentEntity,
  DataCheckEntity,
  CaseClockEntity,
  ComplaintEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  PiiAccessLogEntity,
  LicenceSequenceEntity,
  CatalogueEntryVersionEntity,
  IdempotencyRecordEntity,
];
