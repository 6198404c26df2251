import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQLSTATE `onevisit_expect_rows` raises: a write touched another number of rows. */
export const EXPECTED_ROWS_SQLSTATE = 'OV001';

/**
 * PostgreSQL: `onevisit_expect_rows(actual, expected)` raises when a write touched another
 * number of rows than it must (a case row whose version moved on, a task already closed).
 * Checked by the server, the failure aborts the transaction there, so its COMMIT can be
 * sent with its writes instead of after their answers (see pipelined-writes.ts). SQLite
 * checks the count in the process, as before.
 */
export class ExpectRows1764400000000 implements MigrationInterface {
  name = 'ExpectRows1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION onevisit_expect_rows(actual bigint, expected bigint)
      RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF actual <> expected THEN
          RAISE EXCEPTION 'expected % row(s) written, found %', expected, actual
            USING ERRCODE = '${EXPECTED_ROWS_SQLSTATE}';
        END IF;
        RETURN actual;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION IF EXISTS onevisit_expect_rows(bigint, bigint)');
  }
}
