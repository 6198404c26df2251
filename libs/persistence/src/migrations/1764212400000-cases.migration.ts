import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

const integer = (name: string, nullable = false) => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });

/** Cases, their events, read models (items, tasks), pledges, materials and ratings. */
export class Cases1764212400000 implements MigrationInterface {
  name = 'Cases1764212400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'case',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('bundle_code', 64),
          integer('bundle_version'),
          varchar('status', 32),
          json('snapshot'),
          integer('version'),
          varchar('applicant_sub', 128),
          varchar('applicant_name', 128),
          varchar('proxy_sub', 128, { isNullable: true }),
          varchar('window', 64, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'case',
      new TableIndex({ name: 'IDX_case_applicant', columnNames: ['applicant_sub', 'created_at'] }),
    );
    await queryRunner.createIndex(
      'case',
      new TableIndex({ name: 'IDX_case_window', columnNames: ['window', 'created_at'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_event',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('case_id', 36),
          integer('seq'),
          varchar('type', 64),
          json('payload'),
          json('actor'),
          text('from_state', true),
          text('to_state'),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'case_event',
      new TableIndex({
        name: 'UQ_case_event_seq',
        columnNames: ['case_id', 'seq'],
        isUnique: true,
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_item',
        columns: [
          varchar('case_id', 36, { isPrimary: true }),
          varchar('item', 64, { isPrimary: true }),
          varchar('department', 64),
          varchar('status', 32),
          varchar('due_date', 10, { isNullable: true }),
          timestamp(queryRunner, 'started_at', true),
          timestamp(queryRunner, 'ended_at', true),
          json('reason', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'case_item',
      new TableIndex({ name: 'IDX_case_item_department', columnNames: ['department', 'status'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'task',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('case_id', 36),
          varchar('item', 64, { isNullable: true }),
          varchar('department', 64),
          varchar('kind', 32),
          varchar('status', 16),
          varchar('claimed_by', 128, { isNullable: true }),
          varchar('due_date', 10, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'completed_at', true),
          integer('made_at_version'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'IDX_task_department', columnNames: ['department', 'status'] }),
    );
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'IDX_task_case', columnNames: ['case_id', 'status'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_pledge',
        columns: [
          varchar('case_id', 36, { isPrimary: true }),
          varchar('item', 64, { isPrimary: true }),
          text('text'),
          text('signature'),
          timestamp(queryRunner, 'signed_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_material',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('case_id', 36),
          varchar('material', 64),
          varchar('source', 16),
          varchar('file_sha256', 64, { isNullable: true }),
          integer('file_size', true),
          varchar('content_type', 128, { isNullable: true }),
          varchar('licence_number', 64, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'case_material',
      new TableIndex({ name: 'IDX_case_material_case', columnNames: ['case_id', 'material'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'evaluation',
        columns: [
          varchar('case_id', 36, { isPrimary: true }),
          integer('level'),
          text('comment', true),
          varchar('rated_by', 128, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'evaluation',
      'case_material',
      'case_pledge',
      'task',
      'case_item',
      'case_event',
      'case',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
