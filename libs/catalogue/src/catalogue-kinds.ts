import type { EntityTarget } from 'typeorm';
import type { CatalogueList, Label } from '@onevisit/definitions';
import {
  type CatalogueKind,
  type CatalogueRowColumns,
  DepartmentEntity,
  LicenceTypeEntity,
  MaterialEntity,
  ServiceItemEntity,
} from '@onevisit/persistence';

/** Where one kind of catalogue entry lives: its list in a Catalogue, its table, its URL segment. */
export interface CatalogueKindInfo {
  kind: CatalogueKind;
  list: CatalogueList;
  /** The admin API's path segment: `/admin/catalogue/<path>`. */
  path: string;
  entity: EntityTarget<CatalogueRowColumns<{ code: string }>>;
  /** What one entry is called, for messages. */
  noun: Label;
}

export const CATALOGUE_KIND_INFO: Record<CatalogueKind, CatalogueKindInfo> = {
  department: {
    kind: 'department',
    list: 'departments',
    path: 'departments',
    entity: DepartmentEntity,
    noun: { zh: '部门', en: 'department' },
  },
  material: {
    kind: 'material',
    list: 'materials',
    path: 'materials',
    entity: MaterialEntity,
    noun: { zh: '材料', en: 'material' },
  },
  'licence-type': {
    kind: 'licence-type',
    list: 'licenceTypes',
    path: 'licence-types',
    entity: LicenceTypeEntity,
    noun: { zh: '证照类型', en: 'licence type' },
  },
  item: {
    kind: 'item',
    list: 'items',
    path: 'items',
    entity: ServiceItemEntity,
    noun: { zh: '政务服务事项', en: 'service item' },
  },
};

export function kindOfList(list: CatalogueList): CatalogueKindInfo {
  const info = Object.values(CATALOGUE_KIND_INFO).find((entry) => entry.list === list);
  if (!info) throw new TypeError(`no catalogue kind for list ${list}`);
  return info;
}
