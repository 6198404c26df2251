import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { varchar } from './column-types.js';

/**
 * `licence.holder_id` holds the keyed hash (HMAC-SHA256, 64 hex digits) of the holder's
 * ID number or credit code instead of the number itself. Existing rows are hashed and
 * their ID numbers encrypted by the PII rotation command, which needs the keyring.
 */
export class LicenceHolderHash1764360000000 implements MigrationInterface {
  name = 'LicenceHolderHash1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await widen(queryRunner, 64);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await widen(queryRunner, 32);
  }
}

async function widen(queryRunner: QueryRunner, length: number): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    // In place: TypeORM's changeColumn would drop and re-add the column (data and index lost).
    await queryRunner.query(
      `ALTER TABLE "licence" ALTER COLUMN "holder_id" TYPE varchar(${length})`,
    );
    return;
  }
  // SQLite cannot alter a column: TypeORM rebuilds the table, rows and indexes included.
  await queryRunner.changeColumn(
    'licence',
    'holder_id',
    new TableColumn(varchar('holder_id', length)),
  );
}
