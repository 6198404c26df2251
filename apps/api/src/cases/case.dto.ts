import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ example: 'food-business-licence', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  item: string;

  /** The pledge text exactly as shown to the applicant. */
  @ApiProperty({
    example: '本人承诺符合条件 (I pledge that I meet the conditions)',
    maxLength: 10000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text: string;

  @ApiProperty({ example: 'sig-zhang-san', maxLength: 10000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  signature: string;
}

export class ApplicantRefDto {
  @ApiProperty({ example: 'zhang-san', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  sub: string;

  @ApiProperty({ example: '张三', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;
}

export class StartCaseDto {
  @ApiProperty({ example: 'open-a-restaurant', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'bundleCode must be a bundle code' })
  bundleCode: string;

  /** Answers of the one form (一表申请), checked against the bundle's merged form. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Answers of the one form (一表申请), checked against the bundle’s merged form',
    example: { applicantName: '张三', applicantPhone: '13800138000' },
  })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    type: () => [PledgeDto],
    description: 'Pledges (告知承诺) for items allowing them',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PledgeDto)
  pledges?: PledgeDto[];

  /** A clerk starting a case for someone (帮办代办) names the applicant. */
  @ApiPropertyOptional({
    type: () => ApplicantRefDto,
    description: 'A clerk acting for an applicant (帮办代办)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantRefDto)
  applicant?: ApplicantRefDto;
}

export class ProblemDto {
  @ApiProperty({ example: '营业执照照片不清晰 (licence photo unreadable)', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  message: string;

  @ApiPropertyOptional({ example: 'businessAddress' })
  @IsOptional()
  @IsString()
  field?: string;

  @ApiPropertyOptional({ example: 'business-premises-proof' })
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
  @ApiProperty({ enum: INTAKE_DECISIONS, example: 'accept' })
  @IsIn(INTAKE_DECISIONS)
  decision: IntakeDecision;

  /** accept-with-deficiencies: the tolerable materials (容缺) still missing. */
  @ApiPropertyOptional({
    type: [String],
    description: 'accept-with-deficiencies: tolerable materials (容缺) still missing',
  })
  @ValidateIf((dto: IntakeDto) => dto.decision === 'accept-with-deficiencies')
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  missing?: string[];

  /** request-correction: every problem at once (一次性告知). */
  @ApiPropertyOptional({
    type: () => [ProblemDto],
    description: 'request-correction: every problem at once (一次性告知)',
  })
  @ValidateIf((dto: IntakeDto) => dto.decision === 'request-correction')
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => ProblemDto)
  problems?: ProblemDto[];

  /** reject: the stated reason. */
  @ApiPropertyOptional({ description: 'reject: the stated reason', maxLength: 2000 })
  @ValidateIf((dto: IntakeDto) => dto.decision === 'reject')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  /** Optimistic concurrency: the case version the clerk saw. */
  @ApiPropertyOptional({
    minimum: 1,
    example: 2,
    description: 'Optimistic concurrency: the case version seen',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ResubmitDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String], description: 'Items pledged on resubmission' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  pledged?: string[];

  @ApiPropertyOptional({ minimum: 1, example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: 2000, example: '不再需要 (no longer needed)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ minimum: 1, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class MaterialDto {
  @ApiProperty({ example: 'business-premises-proof', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  material: string;

  /** A licence the applicant already holds (免证可办), instead of a file. */
  @ApiPropertyOptional({
    maxLength: 64,
    description: 'A held licence (免证可办) instead of a file',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  licenceNumber?: string;
}

export class DeliverDto {
  @ApiProperty({ enum: DELIVERY_OPTIONS, example: DELIVERY_OPTIONS[0] })
  @IsIn(DELIVERY_OPTIONS)
  method: DeliveryOption;

  @ApiPropertyOptional({ minimum: 1, example: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class RatingDto {
  @ApiProperty({
    minimum: 1,
    maximum: 5,
    example: 5,
    description: '好差评: 1 (very poor) … 5 (very good)',
  })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '办事很快 (quick service)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  /** Rated without the applicant's name: no follow-up task can be opened. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}
