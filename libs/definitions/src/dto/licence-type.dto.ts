// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { LICENCE_KINDS, type LicenceKind, type LicenceType } from '../definition.types.js';
import { CODE_MESSAGE, CODE_PATTERN } from './definition-patterns.js';
import { LabelDto } from './label.dto.js';

export class LicenceTypeDto implements LicenceType {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  name: LabelDto;

  @IsIn(LICENCE_KINDS)
  kind: LicenceKind;

  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  issuer: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  validityYears?: number;
}
