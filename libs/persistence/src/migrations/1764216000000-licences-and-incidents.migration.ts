import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

/** Seal keys, issued licences, incidents (jobs out of retries) and shared-data checks. */
export class LicencesAndIncidents1764216000000 implements MigrationInterface {
  name = 'LicencesAndIncidents1764216000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'department_key',
        columns: [
          varchar('department', 64, { isPrimary: true }),
          { name: 'public_key', type: 'text' },
          { name: 'private_key', type: 'text' },
          varchar('fingerprint', 64),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'licence',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('number', 64),
          varchar('type', 64),
          json('holder'),
          varchar('holder_id', 32),
          varchar('issuer', 64),
          json('content'),
          varchar('seal', 128),
          varchar('key_fingerprint', 64),
          varchar('case_id', 36),
          varchar('item', 64),
          timestamp(queryRunner, 'issued_at'),
          varchar('valid_until', 10, { isNullable: true }),
          timestamp(queryRunner, 'revoked_at', true),
          varchar('revoke_reason', 512, { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createIndices('licence', [
      new TableIndex({ name: 'UQ_licence_number', columnNames: ['number'], isUnique: true }),
      new TableIndex({
        name: 'UQ_licence_case_item_type',
        columnNames: ['case_id', 'item', 'type'],
        isUnique: true,
      }),
      new TableIndex({ name: 'IDX_licence_holder', columnNames: ['holder_id'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'incident',
        columns: [
          varchar('id', 36, { isPrimary: true }),
          varchar('queue', 64),
          varchar('job_name', 128),
          varchar('job_id', 128),
          json('payload'),
          { name: 'error', type: 'text' },
          { name: 'attempts', type: 'integer' },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'resolved_at', true),
          varchar('resolved_by', 128, { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createIndex(
      'incident',
      new TableIndex({ name: 'IDX_incident_open', columnNames: ['resolved_at', 'created_at'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'data_check',
        columns: [
          varchar('id', 128, { isPrimary: true }),
          varchar('case_id', 36),
          varchar('kind', 32),
          varchar('result', 16),
          json('detail'),
          timestamp(queryRunner, 'checked_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'data_check',
      new TableIndex({ name: 'IDX_data_check_case', columnNames: ['case_id', 'checked_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('data_check');
    await queryRunner.dropTable('incident');
    await queryRunner.dropTable('licence');
    await queryRunner.dropTable('department_key');
  }
}
