import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

/** The working-day calendar as data: years (with their notice) and listed days per region. */
export class Calendar1764300000000 implements MigrationInterface {
  name = 'Calendar1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'calendar_year',
        columns: [
          varchar('region', 32, { isPrimary: true }),
          { name: 'year', type: 'integer', isPrimary: true },
          json('source'),
          timestamp(queryRunner, 'loaded_at'),
          varchar('loaded_by', 128),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_day',
        columns: [
          varchar('region', 32, { isPrimary: true }),
          varchar('date', 10, { isPrimary: true }),
          { name: 'year', type: 'integer' },
          varchar('kind', 16),
          varchar('name', 200),
          varchar('name_en', 200, { isNullable: true }),
          varchar('source', 300),
        ],
      }),
    );
    await queryRunner.createIndex(
      'calendar_day',
      new TableIndex({ name: 'IDX_calendar_day_region_year', columnNames: ['region', 'year'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_day');
    await queryRunner.dropTable('calendar_year');
  }
}
