import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  type Type,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { CATALOGUE_KIND_INFO, CatalogueAdminService } from '@onevisit/catalogue';
import type { CatalogueKind } from '@onevisit/persistence';
import { CodeParamPipe } from '../http/code-param.pipe.js';
import { VersionParamPipe } from '../http/version-param.pipe.js';
import { DEFINITION_SCHEMA, schemaRef } from '../http/definition-schemas.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import {
  BundleImpactBody,
  CatalogueCheckBody,
  CatalogueEntryOverviewBody,
  CatalogueEntrySummaryBody,
  CatalogueVersionSummaryBody,
} from './catalogue-admin.bodies.js';

interface StatusSetter {
  status(code: number): unknown;
}

/** Gives a class made by a factory its own name: the OpenAPI document names schemas and operations by it. */
function named<T extends Type<unknown>>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/**
 * The admin routes of one kind of catalogue entry, under `/admin/catalogue/<kind>`. The four
 * kinds share their logic (CatalogueAdminService); each gets its own controller so that
 * the OpenAPI document gives every body its precise schema.
 */
export function adminCatalogueController(kind: CatalogueKind): Type<unknown> {
  const info = CATALOGUE_KIND_INFO[kind];
  const schema = DEFINITION_SCHEMA[kind];
  const noun = info.noun.en;
  const entryBody = {
    description: `A ${schema} (see workflows/schema for its JSON Schema)`,
    schema: schemaRef(schema),
  };

  class VersionBody extends CatalogueVersionSummaryBody {
    @ApiProperty({ allOf: [schemaRef(schema)], description: 'The entry as written' })
    body: unknown;
  }
  named(VersionBody, `${schema}VersionBody`);

  class PublishBody {
    @ApiProperty({ description: 'False when the content already was the latest version' })
    created: boolean;
    @ApiProperty({ type: VersionBody }) version: VersionBody;
    @ApiProperty({
      type: [BundleImpactBody],
      description:
        'Bundles whose newest version froze other content: republish them to take this up',
    })
    impact: BundleImpactBody[];
  }
  named(PublishBody, `${schema}PublishResultBody`);

  @ApiTags('admin catalogue')
  @Roles('admin')
  @Controller(`admin/catalogue/${info.path}`)
  class AdminCatalogueController {
    constructor(private readonly catalogue: CatalogueAdminService) {}

    @Get()
    @ApiOkResponse({ type: [CatalogueEntrySummaryBody] })
    @ApiSignedIn()
    @ApiOperation({ summary: `Every ${noun}: latest version, whether it has a draft` })
    list() {
      return this.catalogue.list(kind);
    }

    @Post('validate')
    @HttpCode(200)
    @ApiOkResponse({ type: CatalogueCheckBody })
    @ApiSignedIn()
    @ApiBody(entryBody)
    @ApiOperation({
      summary: `Dry run: every problem of a ${noun} at its JSON pointer, and the bundles it would affect; stores nothing`,
    })
    validate(@Body() body: unknown) {
      return this.catalogue.validate(kind, body);
    }

    @Post('drafts')
    @ApiCreatedResponse({ type: VersionBody })
    @ApiSignedIn(400, 409)
    @ApiBody(entryBody)
    @ApiOperation({
      summary: `Create the draft of a ${noun}; 400 with every error and nothing stored when invalid`,
    })
    createDraft(@Body() body: unknown, @CurrentUser() user: Identity) {
      return this.catalogue.createDraft(kind, body, user.sub);
    }

    @Get(':code')
    @ApiOkResponse({ type: CatalogueEntryOverviewBody })
    @ApiSignedIn(400, 404)
    @ApiOperation({
      summary: `A ${noun}: its draft and versions, and the bundle versions that froze a copy`,
    })
    overview(@Param('code', CodeParamPipe) code: string) {
      return this.catalogue.overview(kind, code);
    }

    @Put(':code/draft')
    @ApiOkResponse({ type: VersionBody })
    @ApiSignedIn(400, 409)
    @ApiBody(entryBody)
    @ApiOperation({ summary: `Create or replace the draft of a ${noun}` })
    putDraft(
      @Param('code', CodeParamPipe) code: string,
      @Body() body: unknown,
      @CurrentUser() user: Identity,
    ) {
      return this.catalogue.putDraft(kind, code, body, user.sub);
    }

    @Get(':code/draft')
    @ApiOkResponse({ type: VersionBody })
    @ApiSignedIn(400, 404)
    @ApiOperation({ summary: `The draft of a ${noun}` })
    getDraft(@Param('code', CodeParamPipe) code: string) {
      return this.catalogue.draft(kind, code);
    }

    @Delete(':code/draft')
    @HttpCode(204)
    @ApiNoContentResponse({ description: 'Discarded' })
    @ApiSignedIn(400, 404)
    @ApiOperation({ summary: `Discard the draft of a ${noun}` })
    deleteDraft(@Param('code', CodeParamPipe) code: string): Promise<void> {
      return this.catalogue.deleteDraft(kind, code);
    }

    @Post(':code/publish')
    @ApiCreatedResponse({ type: PublishBody, description: 'A new version' })
    @ApiOkResponse({ type: PublishBody, description: 'The content already was the latest version' })
    @ApiSignedIn(400, 404, 409)
    @ApiOperation({
      summary: `Publish the draft of a ${noun} as its next version: 201 new, 200 unchanged, 400 invalid. Bundle versions already published keep their copy; a bundle published afterwards takes this one`,
    })
    async publish(
      @Param('code', CodeParamPipe) code: string,
      @CurrentUser() user: Identity,
      @Res({ passthrough: true }) response: StatusSetter,
    ) {
      const result = await this.catalogue.publishDraft(kind, code, user.sub);
      response.status(result.created ? 201 : 200);
      return result;
    }

    @Get(':code/versions/:version')
    @ApiOkResponse({ type: VersionBody })
    @ApiSignedIn(400, 404)
    @ApiOperation({ summary: `One published version of a ${noun}, with its content` })
    version(
      @Param('code', CodeParamPipe) code: string,
      @Param('version', VersionParamPipe) version: number,
    ) {
      return this.catalogue.version(kind, code, version);
    }
  }
  const pascal = schema.replace(/^./, (first) => first.toUpperCase());
  return named(AdminCatalogueController, `AdminCatalogue${pascal}Controller`);
}

/** One controller per kind of catalogue entry. */
export const ADMIN_CATALOGUE_CONTROLLERS = (
  Object.keys(CATALOGUE_KIND_INFO) as CatalogueKind[]
).map(adminCatalogueController);
