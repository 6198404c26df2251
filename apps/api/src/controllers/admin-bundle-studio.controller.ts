import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Roles } from '@onevisit/auth';
import { type BundleSideRef, BundleStudioService } from '@onevisit/catalogue';
import { CodeParamPipe } from '../http/code-param.pipe.js';
import { DEFINITION_SCHEMA, schemaRef } from '../http/definition-schemas.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { BundleComparisonBody, BundlePreviewBody } from './bundle-studio.bodies.js';

const SIDE = /^([1-9]\d{0,8}|draft)$/;
const SIDE_MESSAGE = 'must be a version number or "draft"';

export class BundleDiffQueryDto {
  @ApiProperty({ example: '1', description: 'A version number or "draft"' })
  @Matches(SIDE, { message: `from ${SIDE_MESSAGE}` })
  from: string;

  @ApiProperty({ example: '2', description: 'A version number or "draft"' })
  @Matches(SIDE, { message: `to ${SIDE_MESSAGE}` })
  to: string;
}

const sideOf = (value: string): BundleSideRef => (value === 'draft' ? 'draft' : Number(value));

/** The admin studio's views of bundles beyond the stored versions: preview and diff. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/bundles')
export class AdminBundleStudioController {
  constructor(private readonly studio: BundleStudioService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: BundlePreviewBody })
  @ApiSignedIn()
  @ApiBody({
    description: 'A BundleDefinition, e.g. the draft being edited',
    schema: schemaRef(DEFINITION_SCHEMA.bundle),
  })
  @ApiOperation({
    summary:
      'Compile a definition without storing it: 200 with { valid, errors } and, when valid, the merged form, material set, one-time notification (critical path, estimated days), the Mermaid diagram and the catalogue versions it would freeze',
  })
  preview(@Body() body: unknown) {
    return this.studio.preview(body);
  }

  @Get(':code/diff')
  @ApiOkResponse({ type: BundleComparisonBody })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary:
      'What changed between two versions (or a version and the draft): every change at its JSON pointers, and a summary of items, form fields, materials, days and critical path (409 when the draft no longer validates)',
  })
  diff(@Param('code', CodeParamPipe) code: string, @Query() query: BundleDiffQueryDto) {
    return this.studio.compare(code, sideOf(query.from), sideOf(query.to));
  }
}
