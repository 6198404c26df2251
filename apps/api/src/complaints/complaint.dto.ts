import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A complaint (有诉即办) on a case (optionally one of its items) or on the service. */
export class FileComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The case complained about, if any' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    description: 'An item of that case: the complaint goes to its department',
  })
  @IsOptional()
  @Matches(CODE)
  item?: string;

  @ApiPropertyOptional({
    description: 'The department complained about; required for a complaint on the service',
  })
  @IsOptional()
  @Matches(CODE)
  department?: string;

  @ApiPropertyOptional({ description: 'The applicant a clerk files for (帮办代办)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  applicantSub?: string;

  @ApiProperty({ maxLength: 4000, example: '现场踏勘一直没有安排' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  content: string;
}

export class ReplyComplaintDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reply: string;
}

export class ForwardComplaintDto {
  @ApiProperty({ example: 'fire-rescue' })
  @Matches(CODE)
  department: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
