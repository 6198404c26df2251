import { Entity } from 'typeorm';
import type { ServiceItem } from '@onevisit/definitions';
import { CatalogueRowColumns } from './catalogue-row.columns.js';

@Entity({ name: 'service_item' })
export class ServiceItemEntity extends CatalogueRowColumns<ServiceItem> {}
