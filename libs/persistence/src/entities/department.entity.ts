import { Entity } from 'typeorm';
import type { Department } from '@onevisit/definitions';
import { CatalogueRowColumns } from './catalogue-row.columns.js';

@Entity({ name: 'department' })
export class DepartmentEntity extends CatalogueRowColumns<Department> {}
