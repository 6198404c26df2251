import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

/** Catalogue table → the kind its versions are recorded under. */
const KINDS: [table: string, kind: string][] = [
  ['department', 'department'],
  ['material', 'material'],
  ['licence_type', 'licence-type'],
  ['service_item', 'item'],
];

/**
 * Versions of catalogue entries (drafts and published versions). Entries loaded before
 * this migration become their version 1, so every current entry has a version.
 */
export class CatalogueVersions1764450000000 implements MigrationInterface {
  name = 'CatalogueVersions1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'catalogue_entry_version',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('kind', 16),
          varchar('code', 64),
          { name: 'version', type: 'integer', isNullable: true },
          varchar('status', 16),
          json('body'),
          varchar('checksum', 64),
          varchar('created_by', 128),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'published_at', true),
        ],
      }),
    );
    await queryRunner.createIndices('catalogue_entry_version', [
      new TableIndex({
        name: 'UQ_catalogue_entry_version',
        columnNames: ['kind', 'code', 'version'],
        isUnique: true,
      }),
      new TableIndex({
        name: 'UQ_catalogue_entry_one_draft',
        columnNames: ['kind', 'code'],
        isUnique: true,
        where: "status = 'draft'",
      }),
    ]);
    const p = (n: number) => (queryRunner.connection.options.type === 'postgres' ? `$${n}` : '?');
    for (const [table, kind] of KINDS) {
      const rows = (await queryRunner.query(`SELECT "code" FROM "${table}"`)) as { code: string }[];
      for (const { code } of rows) {
        // The row's own columns are copied in SQL, so timestamps keep the driver's format.
        await queryRunner.query(
          `INSERT INTO "catalogue_entry_version" ("id", "kind", "code", "version", "status", "body", ` +
            `"checksum", "created_by", "created_at", "updated_at", "published_at") ` +
            `SELECT ${p(1)}, ${p(2)}, "code", 1, 'published', "body", "checksum", 'migration', ` +
            `"updated_at", "updated_at", "updated_at" FROM "${table}" WHERE "code" = ${p(3)}`,
          [randomUUID(), kind, code],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('catalogue_entry_version');
  }
}
