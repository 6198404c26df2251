// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  APPLICANT_KINDS,
  DELIVERY_OPTIONS,
  EXPIRY_RULES,
  type ApplicantKind,
  type BundleDefinition,
  type BundleItem,
  type Condition,
  type DeliveryOption,
  type ExpiryRule,
  type SupplementRule,
} from '../definition.types.js';
import { IsCondition } from './definition-constraints.js';
import { CODE_MESSAGE, CODE_PATTERN } from './definition-patterns.js';
import { FormFieldDto } from './form-field.dto.js';
import { LabelDto } from './label.dto.js';

export class BundleItemDto implements BundleItem {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  item: string;

  @IsOptional()
  @IsCondition()
  when?: Condition;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE_PATTERN, { each: true, message: CODE_MESSAGE })
  dependsOn?: string[];
}

export class SupplementRuleDto implements SupplementRule {
  @IsInt()
  @Min(1)
  deadlineDays: number;

  @IsIn(EXPIRY_RULES)
  onExpiry: ExpiryRule;
}

export class BundleDefinitionDto implements BundleDefinition {
  /** Lets a bundle file point an editor at its JSON Schema; not part of the definition. */
  @IsOptional()
  @IsString()
  $schema?: string;

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

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @IsIn(APPLICANT_KINDS)
  applicantKind: ApplicantKind;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  form: FormFieldDto[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => BundleItemDto)
  items: BundleItemDto[];

  @IsInt()
  @Min(0)
  promisedLimitDays: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => SupplementRuleDto)
  supplement: SupplementRuleDto;

  // Emptiness is a semantic error (`no-delivery-option`), reported with the others.
  @IsArray()
  @ArrayUnique()
  @IsIn(DELIVERY_OPTIONS, { each: true })
  delivery: DeliveryOption[];
}
