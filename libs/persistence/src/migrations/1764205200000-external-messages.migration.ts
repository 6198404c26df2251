import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { json, timestamp, varchar } from './column-types.js';

export class ExternalMessages1764205200000 implements MigrationInterface {
  name = 'ExternalMessages1764205200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'external_message',
        columns: [
          varchar('id', 128, { isPrimary: true }),
          varchar('channel', 64),
          json('payload'),
          timestamp(queryRunner, 'recorded_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'external_message',
      new TableIndex({
        name: 'IDX_external_message_channel',
        columnNames: ['channel', 'recorded_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('external_message');
  }
}
