import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onevisit/auth';
import { BundleService, CatalogueService } from '@onevisit/catalogue';
import { ApiErrors } from '../http/openapi-errors.js';
import {
  CatalogueEntryBody,
  PublicBundleDetailBody,
  PublicBundleSummaryBody,
} from '../http/openapi-schemas.js';

/** What anyone may read without signing in: the catalogue and the live bundles. */
@ApiTags('catalogue')
@Public()
@Controller('catalogue')
export class PublicCatalogueController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly bundles: BundleService,
  ) {}

  @Get('items')
  @ApiOkResponse({ type: [CatalogueEntryBody] })
  @ApiOperation({ summary: 'Service items (政务服务事项)' })
  items() {
    return this.catalogue.listItems();
  }

  @Get('materials')
  @ApiOperation({ summary: 'Materials (申请材料) the items may require' })
  @ApiOkResponse({ type: [CatalogueEntryBody] })
  materials() {
    return this.catalogue.listMaterials();
  }

  @Get('bundles')
  @ApiOkResponse({ type: [PublicBundleSummaryBody] })
  @ApiOperation({ summary: 'The latest live version of every bundle (一件事)' })
  bundleList() {
    return this.bundles.publicList();
  }

  @Get('bundles/:code')
  @ApiOkResponse({ type: PublicBundleDetailBody })
  @ApiErrors(404)
  @ApiOperation({ summary: 'One form, one material set, one notification of a bundle' })
  bundle(@Param('code') code: string) {
    return this.bundles.publicGet(code);
  }
}
