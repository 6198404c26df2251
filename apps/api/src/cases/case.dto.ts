import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DELIVERY_OPTIONS, type DeliveryOption } from '@onevisit/definitions';

export class PledgeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  item: string;

  /** The pledge text exactly as shown to the applicant. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  signature: string;
}

export class ApplicantRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  sub: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;
}

export class StartCaseDto {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'bundleCode must be a bundle code' })
  bundleCode: string;

  /** Answers of the one form (一表申请), checked against the bundle's merged form. */
  @IsObject()
  answers: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PledgeDto)
  pledges?: PledgeDto[];

  /** A clerk starting a case for someone (帮办代办) names the applicant. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantRefDto)
  applicant?: ApplicantRefDto;
}

export class ProblemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  message: string;

  @IsOptional()
  @IsString()
  field?: string;

  @IsOptional()
  @IsString()
  material?: string;
}

export const INTAKE_DECISIONS = [
  'accept',
  'accept-with-deficiencies',
  'request-correction',
  'reject',
] as const;
export type IntakeDecision = (typeof INTAKE_DECISIONS)[number];

export class IntakeDto {
  @IsIn(INTAKE_DECISIONS)
  decision: IntakeDecision;

  /** accept-with-deficiencies: the tolerable materials (容缺) still missing. */
  @ValidateIf((dto: IntakeDto) => dto.decision === 'accept-with-deficiencies')
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  missing?: string[];

  /** request-correction: every problem at once (一次性告知). */
  @ValidateIf((dto: IntakeDto) => dto.decision === 'request-correction')
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => ProblemDto)
  problems?: ProblemDto[];

  /** reject: the stated reason. */
  @ValidateIf((dto: IntakeDto) => dto.decision === 'reject')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  /** Optimistic concurrency: the case version the clerk saw. */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ResubmitDto {
  @IsObject()
  answers: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  pledged?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class WithdrawDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class MaterialDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  material: string;

  /** A licence the applicant already holds (免证可办), instead of a file. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  licenceNumber?: string;
}

export class DeliverDto {
  @IsIn(DELIVERY_OPTIONS)
  method: DeliveryOption;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class RatingDto {
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  /** Rated without the applicant's name: no follow-up task can be opened. */
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}
