import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CalendarSource } from '@onevisit/calendar';

/**
 * Official: the arrangement of a published notice. Provisional: derived from the law
 * until the notice is imported, as a source marked `provisional` says.
 */
export function calendarYearKind(source: CalendarSource): 'official' | 'provisional' {
  return (source as CalendarSource & { provisional?: unknown }).provisional === true
    ? 'provisional'
    : 'official';
}

class CalendarSourceBody {
  @ApiProperty({ example: '国务院办公厅关于2026年部分节假日安排的通知' }) title: string;
  @ApiProperty({ example: '国务院办公厅' }) issuer: string;
  @ApiProperty({ example: '2025-11-04', description: 'Publication date' }) date: string;
  @ApiPropertyOptional() url?: string;
}

class CalendarYearBody {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: ['official', 'provisional'] }) kind: string;
  @ApiProperty({ type: CalendarSourceBody }) source: CalendarSourceBody;
  @ApiProperty({ type: String, format: 'date-time' }) loadedAt: Date;
  @ApiProperty({ example: 'seed:cn-2026.json' }) loadedBy: string;
}

class CalendarWarningBody {
  @ApiProperty({ example: '2026-12-07' }) today: string;
  @ApiProperty({ example: 60 }) horizonDays: number;
  @ApiProperty({ type: [Number], example: [2027] }) missingYears: number[];
  @ApiProperty({ nullable: true, type: String }) message: string | null;
}

export class CalendarYearsBody {
  @ApiProperty({ example: 'CN' }) region: string;
  @ApiProperty({ type: [CalendarYearBody] }) years: CalendarYearBody[];
  @ApiProperty({ type: CalendarWarningBody }) warning: CalendarWarningBody;
}
