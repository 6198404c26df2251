import { Module } from '@nestjs/common';
import { BundleStudioService } from './bundle-studio.service.js';
import { BundleService } from './bundle.service.js';
import { CatalogueAdminService } from './catalogue-admin.service.js';
import { CatalogueService } from './catalogue.service.js';
import { CompiledBundleCache } from './compiled-bundle.cache.js';

/** Catalogue rows and bundle versions. Needs `PersistenceModule` imported beside it. */
@Module({
  providers: [
    CatalogueService,
    CatalogueAdminService,
    BundleService,
    BundleStudioService,
    CompiledBundleCache,
  ],
  exports: [
    CatalogueService,
    CatalogueAdminService,
    BundleService,
    BundleStudioService,
    CompiledBundleCache,
  ],
})
export class CatalogueModule {}
