import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes that keep the hot reads fast with a million cases of history:
 * - an officer's work list (department, status, oldest first) reads the index in order
 *   and stops at the page size, instead of sorting every task of the department; the
 *   old (department, status) index is its prefix, so it goes;
 * - the same list without a status filter;
 * - the newest cases of the whole centre (clerks without a window, supervisors).
 */
export class ScaleIndexes1764340000000 implements MigrationInterface {
  name = 'ScaleIndexes1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'task',
      new TableIndex({
        name: 'IDX_task_worklist',
        columnNames: ['department', 'status', 'created_at'],
      }),
    );
    await queryRunner.dropIndex('task', 'IDX_task_department');
    await queryRunner.createIndex(
      'task',
      new TableIndex({
        name: 'IDX_task_department_created',
        columnNames: ['department', 'created_at'],
      }),
    );
    await queryRunner.createIndex(
      'case',
      new TableIndex({ name: 'IDX_case_created', columnNames: ['created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('case', 'IDX_case_created');
    await queryRunner.dropIndex('task', 'IDX_task_department_created');
    await queryRunner.createIndex(
      'task',
      new TableIndex({ name: 'IDX_task_department', columnNames: ['department', 'status'] }),
    );
    await queryRunner.dropIndex('task', 'IDX_task_worklist');
  }
}
