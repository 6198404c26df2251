import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

/** The access log of staff reads of personal data (个人信息访问记录). */
export class PiiAccessLog1764320000000 implements MigrationInterface {
  name = 'PiiAccessLog1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'pii_access_log',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('reader_sub', 128),
          json('reader_roles'),
          varchar('reader_department', 64, { isNullable: true }),
          varchar('case_id', 36),
          json('fields'),
          varchar('purpose', 256),
          timestamp(queryRunner, 'accessed_at'),
        ],
      }),
    );
    await queryRunner.createIndices('pii_access_log', [
      new TableIndex({ name: 'IDX_pii_access_case', columnNames: ['case_id', 'accessed_at'] }),
      new TableIndex({ name: 'IDX_pii_access_reader', columnNames: ['reader_sub', 'accessed_at'] }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pii_access_log');
  }
}
