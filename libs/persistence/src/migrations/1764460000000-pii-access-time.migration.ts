import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The access log by time alone: supervisors page through a period across all cases and readers. */
export class PiiAccessTime1764460000000 implements MigrationInterface {
  name = 'PiiAccessTime1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'pii_access_log',
      new TableIndex({ name: 'IDX_pii_access_at', columnNames: ['accessed_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('pii_access_log', 'IDX_pii_access_at');
  }
}
