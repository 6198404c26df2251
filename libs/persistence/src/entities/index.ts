import { BundleDefinitionEntity } from './bundle-definition.entity.js';
import { DepartmentEntity } from './department.entity.js';
import { ExternalMessageEntity } from './external-message.entity.js';
import { LicenceTypeEntity } from './licence-type.entity.js';
import { MaterialEntity } from './material.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { ServiceItemEntity } from './service-item.entity.js';

export * from './bundle-definition.entity.js';
export * from './catalogue-row.columns.js';
export * from './department.entity.js';
export * from './external-message.entity.js';
export * from './licence-type.entity.js';
export * from './material.entity.js';
export * from './outbox.entity.js';
export * from './service-item.entity.js';

/** Every entity, listed by hand: ESM has no glob loading. */
export const PERSISTENCE_ENTITIES = [
  DepartmentEntity,
  MaterialEntity,
  LicenceTypeEntity,
  ServiceItemEntity,
  BundleDefinitionEntity,
  OutboxEntity,
  ExternalMessageEntity,
];
