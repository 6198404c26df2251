import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { LicenceContent, LicenceParticulars } from '@onevisit/licences';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LicenceHolderDto {
  @ApiProperty({ example: '卫东小馆有限公司', maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  name: string;

  /** One of idNumber / creditCode, as printed on the licence. */
  @ApiPropertyOptional({ maxLength: 32, description: 'One of idNumber / creditCode' })
  @ValidateIf((holder: LicenceHolderDto) => holder.creditCode === undefined)
  @IsString()
  @MaxLength(32)
  idNumber?: string;

  @ApiPropertyOptional({ maxLength: 32, example: '91110105MA01ABCD2X' })
  @ValidateIf((holder: LicenceHolderDto) => holder.idNumber === undefined)
  @IsString()
  @MaxLength(32)
  creditCode?: string;
}

/** The content of an offline licence copy, exactly as it was sealed. */
export class LicenceContentDto {
  @ApiProperty({ example: 'FB-2025-000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  number: string;
  @ApiProperty({ example: 'food-business-licence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  type: string;

  @ApiProperty({ type: () => LicenceHolderDto })
  @ValidateNested()
  @Type(() => LicenceHolderDto)
  holder: LicenceHolderDto;

  @ApiProperty({ example: 'market-regulation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  issuer: string;
  @ApiProperty({ example: '2025-03-01T08:00:00.000Z' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  issuedAt: string;
  @ApiProperty({ example: '2025-03-01', format: 'date' })
  @Matches(ISO_DATE)
  validFrom: string;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2030-02-28' })
  @ValidateIf((content: LicenceContentDto) => content.validUntil !== null)
  @Matches(ISO_DATE)
  validUntil: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  caseId: string;
  @ApiProperty({ example: 'food-business-licence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  item: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  particulars?: LicenceParticulars;
}

export class VerifyLicenceCopyDto {
  @ApiProperty({ type: () => LicenceContentDto })
  @ValidateNested()
  @Type(() => LicenceContentDto)
  licence: LicenceContentDto;

  /** The base64url Ed25519 seal printed with the copy. */
  @ApiProperty({ maxLength: 128, description: 'base64url Ed25519 seal printed with the copy' })
  @IsString()
  @MaxLength(128)
  seal: string;
}

/** The DTO as the pure seal code wants it (holder with exactly one identifier). */
export function contentOf(dto: LicenceContentDto): LicenceContent {
  const { holder } = dto;
  return {
    ...dto,
    holder:
      holder.idNumber !== undefined
        ? { name: holder.name, idNumber: holder.idNumber }
        : { name: holder.name, creditCode: holder.creditCode ?? '' },
  };
}
