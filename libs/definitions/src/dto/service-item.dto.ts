// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  ITEM_TYPES,
  PROCEDURE_KINDS,
  type CommitmentRule,
  type Condition,
  type InstantApprovalRule,
  type ItemMaterial,
  type ItemType,
  type ProcedureKind,
  type ServiceItem,
  type SpecialProcedure,
} from '../definition.types.js';
import { IsCondition } from './definition-constraints.js';
import { CODE_MESSAGE, CODE_PATTERN } from './definition-patterns.js';
import { FormFieldDto } from './form-field.dto.js';
import { LabelDto } from './label.dto.js';

export class ItemMaterialDto implements ItemMaterial {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  material: string;

  @IsBoolean()
  required: boolean;

  @IsBoolean()
  tolerable: boolean;

  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  satisfiedByLicence?: string;
}

export class SpecialProcedureDto implements SpecialProcedure {
  @IsIn(PROCEDURE_KINDS)
  kind: ProcedureKind;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  name: LabelDto;

  @IsInt()
  @Min(1)
  maxDays: number;
}

export class CommitmentRuleDto implements CommitmentRule {
  @IsBoolean()
  allowed: boolean;

  // 0 is structurally fine when commitment is not allowed; the semantic check refuses it otherwise.
  @IsInt()
  @Min(0)
  postCheckDays: number;
}

export class InstantApprovalRuleDto implements InstantApprovalRule {
  @IsDefined()
  @IsCondition()
  when: Condition;

  @IsOptional()
  @IsBoolean()
  requiresIdentityCheck?: boolean;
}

export class ServiceItemDto implements ServiceItem {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  name: LabelDto;

  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  department: string;

  @IsIn(ITEM_TYPES)
  type: ItemType;

  // 0 days is an immediate item (即办件).
  @IsInt()
  @Min(0)
  legalLimitDays: number;

  @IsInt()
  @Min(0)
  promisedLimitDays: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  form: FormFieldDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemMaterialDto)
  materials: ItemMaterialDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => CommitmentRuleDto)
  commitment?: CommitmentRuleDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => InstantApprovalRuleDto)
  instantApproval?: InstantApprovalRuleDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SpecialProcedureDto)
  specialProcedures: SpecialProcedureDto[];

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE_PATTERN, { each: true, message: CODE_MESSAGE })
  outputs: string[];
}
