import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@onevisit/auth';
import { fieldError } from '../cases/field-error.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { PeriodQueryDto } from './supervision.dto.js';
import {
  SUPERVISION_TABLES,
  type SupervisionTable,
  type SupervisionTableName,
} from './supervision-tables.js';
import { SupervisionTablesService } from './supervision-tables.service.js';
import { SupervisionService } from './supervision.service.js';

const LABEL = {
  type: 'object',
  additionalProperties: true,
  example: { zh: '部门', en: 'Department' },
} as const;

class TableColumnBody {
  @ApiProperty({ example: 'department' }) key: string;
  @ApiProperty(LABEL) label: unknown;
  @ApiProperty({
    enum: ['text', 'number', 'percent', 'date', 'datetime', 'boolean'],
    description: 'percent: a ratio from 0 to 1',
  })
  type: string;
}

class TablePeriodBody {
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
}

class SupervisionTableBody {
  @ApiProperty({ enum: SUPERVISION_TABLES }) table: string;
  @ApiProperty(LABEL) title: unknown;
  @ApiProperty({ type: TablePeriodBody, nullable: true, description: 'null: what stands now' })
  period: TablePeriodBody | null;
  @ApiProperty({ type: [TableColumnBody] }) columns: TableColumnBody[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'One object per row, keyed by column key; values are strings, numbers, booleans or null',
  })
  rows: unknown[];
}

/**
 * The supervision reports as flat tables for the dashboard and its export: the console
 * writes Excel (.xlsx) and CSV from these rows in the browser, so an export is exactly
 * the table on screen and the server needs no spreadsheet library.
 */
@ApiTags('supervision')
@Roles('supervisor')
@Controller('supervision/tables')
export class SupervisionTablesController {
  constructor(
    private readonly tables: SupervisionTablesService,
    private readonly supervision: SupervisionService,
  ) {}

  @Get(':table')
  @ApiParam({ name: 'table', enum: SUPERVISION_TABLES })
  @ApiOkResponse({ type: SupervisionTableBody })
  @ApiSignedIn(400)
  @ApiOperation({
    summary:
      'A report as a table (labelled columns, rows of plain values) for the period (default the last 30 days)',
  })
  table(@Param('table') table: string, @Query() query: PeriodQueryDto): Promise<SupervisionTable> {
    if (!(SUPERVISION_TABLES as readonly string[]).includes(table)) {
      throw fieldError('table', `must be one of ${SUPERVISION_TABLES.join(', ')}`);
    }
    return this.tables.table(
      table as SupervisionTableName,
      this.supervision.periodOf(query.from, query.to),
    );
  }
}
