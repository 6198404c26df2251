import { CatalogueAndBundles1764201600000 } from './1764201600000-catalogue-and-bundles.migration.js';
import { ExternalMessages1764205200000 } from './1764205200000-external-messages.migration.js';
import { Cases1764212400000 } from './1764212400000-cases.migration.js';
import { LicencesAndIncidents1764216000000 } from './1764216000000-licences-and-incidents.migration.js';
import { Calendar1764300000000 } from './1764300000000-calendar.migration.js';
import { Deadlines1764310000000 } from './1764310000000-deadlines.migration.js';
import { PiiAccessLog1764320000000 } from './1764320000000-pii-access-log.migration.js';
import { ScaleIndexes1764340000000 } from './1764340000000-scale-indexes.migration.js';
import { LicenceHolderHash1764360000000 } from './1764360000000-licence-holder-hash.migration.js';
import { LicenceSequence1764380000000 } from './1764380000000-licence-sequence.migration.js';
import { ExpectRows1764400000000 } from './1764400000000-expect-rows.migration.js';
import { IdempotencyRecords1764420000000 } from './1764420000000-idempotency-records.migration.js';
import { CatalogueVersions1764450000000 } from './1764450000000-catalogue-versions.migration.js';
import { PiiAccessTime1764460000000 } from './1764460000000-pii-access-time.migration.js';

/** Every migration in order, listed by hand: ESM has no glob loading. Append only. */
export const PERSISTENCE_MIGRATIONS = [
  CatalogueAndBundles1764201600000,
  ExternalMessages1764205200000,
  Cases1764212400000,
  LicencesAndIncidents1764216000000,
  Calendar1764300000000,
  Deadlines1764310000000,
  PiiAccessLog1764320000000,
  ScaleIndexes1764340000000,
  LicenceHolderHash1764360000000,
  LicenceSequence1764380000000,
  ExpectRows1764400000000,
  IdempotencyRecords1764420000000,
  CatalogueVersions1764450000000,
  PiiAccessTime1764460000000,
];
