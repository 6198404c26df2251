import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@onevisit/calendar';

/** One listed day entered by an admin: a (local) holiday or a make-up working day. */
export class PutCalendarDayDto {
  @ApiProperty({ enum: CALENDAR_DAY_KINDS })
  @IsIn(CALENDAR_DAY_KINDS)
  kind: CalendarDayKind;

  @ApiProperty({ example: '春节', description: 'zh-CN name, or the note of a make-up day' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Spring Festival' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameEn?: string;
}
