// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  FIELD_TYPES,
  type EnumOption,
  type FieldType,
  type FormField,
} from '../definition.types.js';
import { IsRegExp, NotBelow, OnlyForFieldTypes } from './definition-constraints.js';
import {
  FIELD_KEY_MESSAGE,
  FIELD_KEY_PATTERN,
  NUMBER_FIELD_TYPES,
  TEXT_FIELD_TYPES,
} from './definition-patterns.js';
import { LabelDto } from './label.dto.js';

const FINITE = { allowNaN: false, allowInfinity: false };

export class EnumOptionDto implements EnumOption {
  @IsString()
  @MinLength(1)
  value: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  label: LabelDto;
}

export class FormFieldDto implements FormField {
  @IsString()
  @Matches(FIELD_KEY_PATTERN, { message: FIELD_KEY_MESSAGE })
  key: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  label: LabelDto;

  @IsIn(FIELD_TYPES)
  type: FieldType;

  @IsBoolean()
  required: boolean;

  @IsOptional()
  @IsString()
  @IsRegExp()
  @OnlyForFieldTypes(TEXT_FIELD_TYPES)
  pattern?: string;

  // Required for enum fields, refused on any other type.
  @ValidateIf((field: FormFieldDto) => field.type === 'enum' || field.options !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => EnumOptionDto)
  @OnlyForFieldTypes(['enum'])
  options?: EnumOptionDto[];

  @IsOptional()
  @IsNumber(FINITE)
  @OnlyForFieldTypes(NUMBER_FIELD_TYPES)
  min?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @OnlyForFieldTypes(NUMBER_FIELD_TYPES)
  @NotBelow('min')
  max?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @OnlyForFieldTypes(TEXT_FIELD_TYPES)
  minLength?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @OnlyForFieldTypes(TEXT_FIELD_TYPES)
  @NotBelow('minLength')
  maxLength?: number;

  @IsOptional()
  @IsBoolean()
  personal?: boolean;
}
