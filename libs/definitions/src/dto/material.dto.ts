// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { MATERIAL_FORMS, type Material, type MaterialForm } from '../definition.types.js';
import { CODE_MESSAGE, CODE_PATTERN } from './definition-patterns.js';
import { LabelDto } from './label.dto.js';

export class MaterialDto implements Material {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  name: LabelDto;

  @IsOptional()
  @IsString()
  description?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MATERIAL_FORMS, { each: true })
  acceptedForms: MaterialForm[];
}
