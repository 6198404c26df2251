import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

const CATALOGUE_TABLES = ['department', 'material', 'licence_type', 'service_item'];

export class CatalogueAndBundles1764201600000 implements MigrationInterface {
  name = 'CatalogueAndBundles1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const name of CATALOGUE_TABLES) {
      await queryRunner.createTable(
        new Table({
          name,
          columns: [
            varchar('code', 64, { isPrimary: true }),
            json('body'),
            varchar('checksum', 64),
            timestamp(queryRunner, 'updated_at'),
          ],
        }),
      );
    }

    await queryRunner.createTable(
      new Table({
        name: 'bundle_definition',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('code', 64),
          { name: 'version', type: 'integer', isNullable: true },
          varchar('status', 16),
          json('body'),
          json('resolved', true),
          json('compiled', true),
          varchar('checksum', 64, { isNullable: true }),
          varchar('created_by', 128),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'published_at', true),
          timestamp(queryRunner, 'retired_at', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'bundle_definition',
      new TableIndex({
        name: 'UQ_bundle_definition_code_version',
        columnNames: ['code', 'version'],
        isUnique: true,
      }),
    );
    await queryRunner.createIndex(
      'bundle_definition',
      new TableIndex({
        name: 'UQ_bundle_definition_one_draft',
        columnNames: ['code'],
        isUnique: true,
        where: "status = 'draft'",
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('topic', 128),
          json('payload'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'dispatched_at', true),
          timestamp(queryRunner, 'run_at', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'outbox',
      new TableIndex({ name: 'IDX_outbox_pending', columnNames: ['dispatched_at', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox');
    await queryRunner.dropTable('bundle_definition');
    for (const name of [...CATALOGUE_TABLES].reverse()) await queryRunner.dropTable(name);
  }
}
