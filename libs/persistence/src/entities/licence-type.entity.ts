import { Entity } from 'typeorm';
import type { LicenceType } from '@onevisit/definitions';
import { CatalogueRowColumns } from './catalogue-row.columns.js';

@Entity({ name: 'licence_type' })
export class LicenceTypeEntity extends CatalogueRowColumns<LicenceType> {}
