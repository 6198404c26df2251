import { Entity } from 'typeorm';
import type { Material } from '@onevisit/definitions';
import { CatalogueRowColumns } from './catalogue-row.columns.js';

@Entity({ name: 'material' })
export class MaterialEntity extends CatalogueRowColumns<Material> {}
