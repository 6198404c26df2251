import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DefinitionError } from '@onevisit/definitions';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { BundleService } from '@onevisit/catalogue';
import { DEFINITION_SCHEMA, schemaRef } from '../http/definition-schemas.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import {
  BundleOverviewBody,
  BundleVersionDetailBody,
  BundleVersionSummaryBody,
  DefinitionCheckBody,
  PublishResultBody,
} from '../http/openapi-schemas.js';

interface StatusSetter {
  status(code: number): unknown;
}

const DEFINITION_BODY = {
  description: 'A BundleDefinition (see workflows/schema for its JSON Schema)',
  schema: schemaRef(DEFINITION_SCHEMA.bundle),
};

/**
 * Bundle administration. Bodies are definitions, checked by the definitions validator
 * (structure and semantics, all errors at once), not by a DTO.
 */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/bundles')
export class AdminBundlesController {
  constructor(private readonly bundles: BundleService) {}

  @Get()
  @ApiOkResponse({ type: [BundleOverviewBody] })
  @ApiSignedIn()
  @ApiOperation({ summary: 'Every bundle code with its draft and versions' })
  list() {
    return this.bundles.list();
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOkResponse({ type: DefinitionCheckBody })
  @ApiSignedIn()
  @ApiBody(DEFINITION_BODY)
  @ApiOperation({
    summary: 'Dry run: 200 with { valid, errors } listing every problem; stores nothing',
  })
  async validate(@Body() body: unknown): Promise<{ valid: boolean; errors: DefinitionError[] }> {
    const errors = await this.bundles.validate(body);
    return { valid: errors.length === 0, errors };
  }

  @Post('drafts')
  @ApiCreatedResponse({ type: BundleVersionDetailBody })
  @ApiSignedIn(400, 409)
  @ApiBody(DEFINITION_BODY)
  @ApiOperation({
    summary: 'Create the draft of a bundle; 400 with every error and nothing stored when invalid',
  })
  createDraft(@Body() body: unknown, @CurrentUser() user: Identity) {
    return this.bundles.createDraft(body, user.sub);
  }

  @Put(':code/draft')
  @ApiOkResponse({ type: BundleVersionDetailBody })
  @ApiSignedIn(400, 409)
  @ApiBody(DEFINITION_BODY)
  @ApiOperation({ summary: 'Create or replace the draft of a bundle' })
  putDraft(@Param('code') code: string, @Body() body: unknown, @CurrentUser() user: Identity) {
    return this.bundles.putDraft(code, body, user.sub);
  }

  @Get(':code/draft')
  @ApiOperation({ summary: 'The current draft of a bundle' })
  @ApiOkResponse({ type: BundleVersionDetailBody })
  @ApiSignedIn(404)
  getDraft(@Param('code') code: string) {
    return this.bundles.getDraft(code);
  }

  @Post(':code/publish')
  @ApiCreatedResponse({ type: PublishResultBody, description: 'A new version' })
  @ApiOkResponse({ type: PublishResultBody, description: 'The same content was already published' })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary:
      'Publish the draft: 201 with a new version, 200 with the existing version when the content is already published, 400 when invalid, 409 when the declared version is not above the latest',
  })
  async publish(
    @Param('code') code: string,
    @CurrentUser() user: Identity,
    @Res({ passthrough: true }) response: StatusSetter,
  ) {
    const result = await this.bundles.publishDraft(code, user.sub);
    response.status(result.created ? 201 : 200);
    return result;
  }

  @Get(':code/versions')
  @ApiOperation({ summary: 'Every version of a bundle, newest first' })
  @ApiOkResponse({ type: [BundleVersionSummaryBody] })
  @ApiSignedIn(404)
  versions(@Param('code') code: string) {
    return this.bundles.versions(code);
  }

  @Get(':code/versions/:version')
  @ApiOkResponse({ type: BundleVersionDetailBody })
  @ApiSignedIn(400, 404)
  @ApiOperation({
    summary:
      'A version with its definition, checksum, status and compiled form, materials, notification, machine, diagram',
  })
  version(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return this.bundles.getVersion(code, version);
  }

  @Post(':code/versions/:version/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: BundleVersionDetailBody })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary: 'Retire a version: hidden from the public catalogue and from new cases',
  })
  retire(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return this.bundles.retire(code, version);
  }
}
