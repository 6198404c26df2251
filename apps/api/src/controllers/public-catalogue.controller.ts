import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onevisit/auth';
import { BundleService, CatalogueService } from '@onevisit/catalogue';

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
  @ApiOperation({ summary: 'Service items (政务服务事项)' })
  items() {
    return this.catalogue.listItems();
  }

  @Get('materials')
  materials() {
    return this.catalogue.listMaterials();
  }

  @Get('bundles')
  @ApiOperation({ summary: 'The latest live version of every bundle (一件事)' })
  bundleList() {
    return this.bundles.publicList();
  }

  @Get('bundles/:code')
  @ApiOperation({ summary: 'One form, one material set, one notification of a bundle' })
  bundle(@Param('code') code: string) {
    return this.bundles.publicGet(code);
  }
}
