// `db migrate|new-migration`: the database schema.
import type { Command } from 'commander';
import { migrationsLocation } from '../db/locations';
import { migrateDatabase } from '../db/migrate';
import { createNextMigration } from '../db/migration-files';
import type { DatabaseHandle } from '../db/open-database';
import type { Logger } from '../logger';

type WithDatabase = <T>(run: (handle: DatabaseHandle, logger: Logger) => Promise<T>) => Promise<T>;

export function addDbCommands(program: Command, withDatabase: WithDatabase): void {
  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations from prisma/migrations')
    .action(async () => {
      const applied = await withDatabase((handle, logger) => migrateDatabase(handle.url, logger));
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations\n');
    });
  db.command('new-migration')
    .description('write prisma/migrations/<timestamp>_<name>/ with the SQL from the last migration to schema.prisma')
    .argument('<name>', 'lower-case letters, digits and _')
    .action(async (name: string) => {
      const created = await withDatabase((handle) => createNextMigration(handle.url, migrationsLocation, name));
      process.stdout.write('reason' in created ? `${created.reason}\n` : `Wrote ${created.directory}/migration.sql\n`);
    });
}
