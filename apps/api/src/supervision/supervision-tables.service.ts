import { Injectable } from '@nestjs/common';
import { BundleService, CatalogueService } from '@onevisit/catalogue';
import {
  complaintsTable,
  durationsTable,
  onTimeTable,
  overdueTable,
  ratingsTable,
  rectificationsTable,
  type SupervisionTable,
  type SupervisionTableName,
  type TableNames,
} from './supervision-tables.js';
import { type Period, SupervisionService } from './supervision.service.js';

/** Each supervision report as a table, with department and bundle names beside their codes. */
@Injectable()
export class SupervisionTablesService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly catalogue: CatalogueService,
    private readonly bundles: BundleService,
  ) {}

  async table(name: SupervisionTableName, period: Period): Promise<SupervisionTable> {
    const names = await this.names();
    switch (name) {
      case 'on-time-by-department':
      case 'on-time-by-bundle':
        return onTimeTable(name, await this.supervision.onTime(period), names);
      case 'durations':
        return durationsTable(await this.supervision.durations(period), names);
      case 'overdue':
        return overdueTable(await this.supervision.deadlines(), names);
      case 'ratings':
        return ratingsTable(await this.supervision.ratings(period));
      case 'rectifications':
        return rectificationsTable(await this.supervision.ratings(period));
      case 'complaints-by-department':
        return complaintsTable(await this.supervision.complaints(period), names);
    }
  }

  private async names(): Promise<TableNames> {
    const [catalogue, bundles] = await Promise.all([this.catalogue.load(), this.bundles.list()]);
    return {
      departments: new Map(catalogue.departments.map((entry) => [entry.code, entry.name])),
      bundles: new Map(bundles.map((entry) => [entry.code, entry.name])),
    };
  }
}
