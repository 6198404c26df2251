import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

/**
 * Time-limit clocks (case, items, special procedures, supplement), their copies on the
 * read models (clock state, days used, due-soon / overdue flag), and complaints.
 */
export class Deadlines1764310000000 implements MigrationInterface {
  name = 'Deadlines1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'case_clock',
        columns: [
          varchar('case_id', 36, { isPrimary: true }),
          varchar('key', 96, { isPrimary: true }),
          varchar('kind', 16),
          varchar('item', 64, { isNullable: true }),
          varchar('department', 64),
          { name: 'limit_days', type: 'integer' },
          { name: 'used_days', type: 'integer' },
          timestamp(queryRunner, 'running_since', true),
          json('paused_by'),
          varchar('status', 16),
          varchar('due_date', 10, { isNullable: true }),
          varchar('flag', 16, { isNullable: true }),
          { name: 'generation', type: 'integer' },
          timestamp(queryRunner, 'started_at'),
          timestamp(queryRunner, 'stopped_at', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'case_clock',
      new TableIndex({ name: 'IDX_case_clock_status', columnNames: ['status', 'flag'] }),
    );

    await queryRunner.addColumns('case_item', [
      new TableColumn(varchar('clock', 16, { isNullable: true })),
      new TableColumn({ name: 'days_used', type: 'integer', isNullable: true }),
      new TableColumn(varchar('due_flag', 16, { isNullable: true })),
    ]);
    await queryRunner.addColumn(
      'task',
      new TableColumn(varchar('due_flag', 16, { isNullable: true })),
    );

    await queryRunner.createTable(
      new Table({
        name: 'complaint',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('case_id', 36, { isNullable: true }),
          varchar('item', 64, { isNullable: true }),
          varchar('applicant_sub', 128),
          varchar('filed_by', 128),
          varchar('department', 64),
          varchar('status', 16),
          { name: 'content', type: 'text' },
          varchar('reply_due_date', 10),
          { name: 'reply', type: 'text', isNullable: true },
          varchar('replied_by', 128, { isNullable: true }),
          timestamp(queryRunner, 'replied_at', true),
          json('forwards'),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createIndices('complaint', [
      new TableIndex({ name: 'IDX_complaint_department', columnNames: ['department', 'status'] }),
      new TableIndex({
        name: 'IDX_complaint_applicant',
        columnNames: ['applicant_sub', 'created_at'],
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('complaint');
    await queryRunner.dropColumn('task', 'due_flag');
    await queryRunner.dropColumns('case_item', ['clock', 'days_used', 'due_flag']);
    await queryRunner.dropTable('case_clock');
  }
}
