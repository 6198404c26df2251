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
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  name: string;

  /** One of idNumber / creditCode, as printed on the licence. */
  @ValidateIf((holder: LicenceHolderDto) => holder.creditCode === undefined)
  @IsString()
  @MaxLength(32)
  idNumber?: string;

  @ValidateIf((holder: LicenceHolderDto) => holder.idNumber === undefined)
  @IsString()
  @MaxLength(32)
  creditCode?: string;
}

/** The content of an offline licence copy, exactly as it was sealed. */
export class LicenceContentDto {
  @IsString() @IsNotEmpty() @MaxLength(64) number: string;
  @IsString() @IsNotEmpty() @MaxLength(64) type: string;

  @ValidateNested()
  @Type(() => LicenceHolderDto)
  holder: LicenceHolderDto;

  @IsString() @IsNotEmpty() @MaxLength(64) issuer: string;
  @IsString() @IsNotEmpty() @MaxLength(64) issuedAt: string;
  @Matches(ISO_DATE) validFrom: string;

  @ValidateIf((content: LicenceContentDto) => content.validUntil !== null)
  @Matches(ISO_DATE)
  validUntil: string | null;

  @IsString() @IsNotEmpty() @MaxLength(64) caseId: string;
  @IsString() @IsNotEmpty() @MaxLength(64) item: string;

  @IsOptional()
  @IsObject()
  particulars?: LicenceParticulars;
}

export class VerifyLicenceCopyDto {
  @ValidateNested()
  @Type(() => LicenceContentDto)
  licence: LicenceContentDto;

  /** The base64url Ed25519 seal printed with the copy. */
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
