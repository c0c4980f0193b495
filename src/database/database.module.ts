import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { types } from 'pg';
import { dataSourceOptions } from './data-source-options';

// Postgres `date` stays the string 'YYYY-MM-DD' (pg would make a local-time JS Date of it).
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// bigint ids and counts stay exact strings; numeric already arrives as a string.
types.setTypeParser(types.builtins.INT8, (value: string) => value);

@Module({})
export class DatabaseModule {
  static forUrl(url: string, runMigrations: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(url, { migrationsRun: runMigrations }),
          autoLoadEntities: true,
          // Fail fast instead of retrying for half a minute when the database is not there.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
