import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { parameterOf } from '../row-reader.js';
import { varchar } from './column-types.js';

/**
 * `licence_sequence`: the running licence number per prefix and day, taken by upsert
 * instead of reading the highest number issued so far. Filled from the licences already
 * issued, so numbers go on where they stopped.
 */
export class LicenceSequence1764380000000 implements MigrationInterface {
  name = 'LicenceSequence1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'licence_sequence',
        columns: [
          varchar('prefix', 16, { isPrimary: true }),
          varchar('day', 8, { isPrimary: true }),
          { name: 'last_number', type: 'integer' },
        ],
      }),
    );
    // Numbers are PREFIX-YYYYMMDD-NNNNNN: the highest per PREFIX-YYYYMMDD sorts last as text.
    const highest = (await queryRunner.query(
      `SELECT substr("number", 1, length("number") - 7) AS stem, MAX("number") AS number
         FROM "licence" GROUP BY substr("number", 1, length("number") - 7)`,
    )) as { stem: string; number: string }[];
    for (const row of highest) {
      const cut = row.stem.lastIndexOf('-');
      const p = parameterOf(queryRunner.connection);
      await queryRunner.query(
        `INSERT INTO "licence_sequence" ("prefix", "day", "last_number") VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
        [row.stem.slice(0, cut), row.stem.slice(cut + 1), Number(row.number.slice(-6))],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('licence_sequence');
  }
}
