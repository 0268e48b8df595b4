import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrationsLocation } from '../../src/db/locations';
import { SNAPSHOT_FILE } from '../../src/db/migration-files';
import { applyMigrations, diffSchemas, listMigrationNames } from '../../src/db/schema-engine';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';

// Everything about the schema that matters, read from the catalog with plain SQL (no introspection engine).
async function describeCatalog(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await query(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
      ),
      constraints: await query(`
        SELECT rel.relname AS table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        -- Constraint triggers (contype t) are hand-written SQL that schema.prisma cannot express.
        WHERE ns.nspname = 'public' AND rel.relname <> '_prisma_migrations' AND con.contype <> 't' ORDER BY con.conname`),
      enums: await query(`
        SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace ns ON ns.oid = t.typnamespace WHERE ns.nspname = 'public' ORDER BY t.typname, e.enumsortorder`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations and schema.prisma', () => {
  const serverUrl = () => process.env.TEST_SERVER_URL!;
  const names = { migrated: uniqueDatabaseName('mig'), fromSchema: uniqueDatabaseName('schema') };

  afterAll(async () => {
    await dropDatabase(serverUrl(), names.migrated);
    await dropDatabase(serverUrl(), names.fromSchema);
  });

  it('build the same database: all migrations applied == schema.prisma applied to an empty database', async () => {
    const migratedUrl = await createDatabase(serverUrl(), names.migrated);
    const fromSchemaUrl = await createDatabase(serverUrl(), names.fromSchema);
    expect(await applyMigrations(migratedUrl, migrationsLocation)).toEqual(
      listMigrationNames(migrationsLocation.migrationsDir),
    );
    // A second run applies nothing.
    expect(await applyMigrations(migratedUrl, migrationsLocation)).toEqual([]);

    const schemaText = fs.readFileSync(migrationsLocation.schemaPath, 'utf8');
    const script = await diffSchemas(fromSchemaUrl, migrationsLocation.schemaPath, null, schemaText);
    const client = new pg.Client({ connectionString: fromSchemaUrl });
    await client.connect();
    await client.query(script);
    await client.end();

    expect(await describeCatalog(migratedUrl)).toEqual(await describeCatalog(fromSchemaUrl));
  });

  it('leave nothing in schema.prisma without a migration', async () => {
    const last = listMigrationNames(migrationsLocation.migrationsDir).at(-1)!;
    const snapshot = fs.readFileSync(path.join(migrationsLocation.migrationsDir, last, SNAPSHOT_FILE), 'utf8');
    const current = fs.readFileSync(migrationsLocation.schemaPath, 'utf8');
    const pending = await diffSchemas(process.env.TEST_DATABASE_URL!, migrationsLocation.schemaPath, snapshot, current);
    expect(pending).toBe('');
  });
});
