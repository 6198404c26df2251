import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@onevisit/config';
import { dataSourceOptions, type DataSourceExtras } from './data-source-options.js';
import { TransactionRunner } from './run-in-transaction.js';

/**
 * The database connection (migrations applied at startup) and the `TransactionRunner`.
 * Needs `ConfigModule` imported beside it.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(extras: DataSourceExtras = {}): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => dataSourceOptions(config.database, extras),
        }),
      ],
      providers: [
        {
          provide: TransactionRunner,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new TransactionRunner(dataSource),
        },
      ],
      exports: [TypeOrmModule, TransactionRunner],
    };
  }
}
