import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Public, Roles } from '@onevisit/auth';
import { type LicenceCheck, LicenceRegistry } from '@onevisit/licences';
import { contentOf, VerifyLicenceCopyDto } from './licence-verify.dto.js';
import { ApiErrors, ApiSignedIn } from '../http/openapi-errors.js';
import { HeldLicenceBody, LicenceCheckBody } from '../http/openapi-schemas.js';

/** E-licences (电子证照): public verification, and an applicant's own licences. */
@ApiTags('licences')
@Controller('licences')
export class LicencesController {
  constructor(private readonly registry: LicenceRegistry) {}

  @Public()
  @Get(':number/verify')
  @ApiOkResponse({ type: LicenceCheckBody })
  @ApiErrors(404)
  @ApiOperation({
    summary: 'Verify a licence by number: valid, revoked, forged or expired (holder masked)',
  })
  async verify(@Param('number') number: string): Promise<LicenceCheck> {
    const check = await this.registry.verifyNumber(number);
    if (!check) throw new NotFoundException(`No licence ${number}`);
    return check;
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: LicenceCheckBody })
  @ApiErrors(400)
  @ApiOperation({ summary: 'Verify an offline copy: its content and seal as printed' })
  verifyCopy(@Body() body: VerifyLicenceCopyDto): Promise<LicenceCheck> {
    return this.registry.verifyCopy(contentOf(body.licence), body.seal);
  }

  @Roles('applicant')
  @Get()
  @ApiQuery({ name: 'holder', required: false, description: 'Must be the caller (sub) when given' })
  @ApiOkResponse({ type: [HeldLicenceBody] })
  @ApiSignedIn()
  @ApiOperation({
    summary: "The caller's own licences: held in their name, or issued in their cases",
  })
  async held(@CurrentUser() user: Identity, @Query('holder') holder?: string) {
    if (holder !== undefined && holder !== user.sub) {
      throw new ForbiddenException('Applicants see only their own licences');
    }
    const rows = await this.registry.heldByApplicant(user.sub);
    return rows.map((row) => ({
      number: row.number,
      type: row.type,
      holder: row.holder,
      issuer: row.issuer,
      issuedAt: row.issuedAt,
      validUntil: row.validUntil,
      revoked: row.revokedAt !== null,
      content: row.content,
      seal: row.seal,
    }));
  }
}
