import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { timestamp, varchar } from './column-types.js';

/** Answers of creating requests by `Idempotency-Key` (see IdempotencyRecordEntity). */
export class IdempotencyRecords1764420000000 implements MigrationInterface {
  name = 'IdempotencyRecords1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_record',
        columns: [
          varchar('principal', 160, { isPrimary: true }),
          varchar('key', 255, { isPrimary: true }),
          varchar('route', 200),
          varchar('fingerprint', 64),
          { name: 'status_code', type: 'integer' },
          { name: 'response', type: 'text' },
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'idempotency_record',
      new TableIndex({ name: 'IDX_idempotency_record_created', columnNames: ['created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_record');
  }
}
