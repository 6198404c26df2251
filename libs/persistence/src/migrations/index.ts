import { CatalogueAndBundles1764201600000 } from './1764201600000-catalogue-and-bundles.migration.js';
import { ExternalMessages1764205200000 } from './1764205200000-external-messages.migration.js';

/** Every migration in order, listed by hand: ESM has no glob loading. Append only. */
export const PERSISTENCE_MIGRATIONS = [
  CatalogueAndBundles1764201600000,
  ExternalMessages1764205200000,
];
