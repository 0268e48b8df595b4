// Start-up migrations in a worker thread (src/db/migrate-in-thread.ts): the thread's script from sources through tsx,
// as the built service runs dist/src/db/migrate-worker.js.
import path from 'node:path';
import pino from 'pino';
import { migrationsLocation } from '../../src/db/locations';
import { migrateDatabaseInThread } from '../../src/db/migrate-in-thread';
import { listMigrationNames } from '../../src/db/schema-engine';
import { isDatabaseUnavailable } from '../../src/db/unavailable';
import { startupErrorLine } from '../../src/startup-error';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';

const thread = { workerFile: path.join(__dirname, '../support/migrate-worker-from-source.js') };

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('migrations in a worker thread', () => {
  const serverUrl = () => process.env.TEST_SERVER_URL!;
  const name = uniqueDatabaseName('mthread');
  afterAll(() => dropDatabase(serverUrl(), name));

  it('applies every migration once, and its log lines reach the service log', async () => {
    const url = await createDatabase(serverUrl(), name);
    const first = capturingLogger();
    expect(await migrateDatabaseInThread(url, first.logger, thread)).toEqual(
      listMigrationNames(migrationsLocation.migrationsDir),
    );
    const applied = first.lines.find((line) => line.msg === 'migrations applied');
    expect(applied).toMatchObject({ level: 30, applied: listMigrationNames(migrationsLocation.migrationsDir) });

    const second = capturingLogger();
    expect(await migrateDatabaseInThread(url, second.logger, thread)).toEqual([]);
    expect(second.lines.map((line) => line.msg)).toContain('database schema is up to date');
  }, 120_000);

  it("fails with the thread's error, codes included, when the database cannot be reached", async () => {
    const { logger } = capturingLogger();
    const url = 'postgresql://postgres@127.0.0.1:1/nowhere';
    const failure = await migrateDatabaseInThread(url, logger, thread).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/ECONNREFUSED|connect/);
    // Its code crosses the thread, so that start-up says the database cannot be reached.
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(startupErrorLine(failure, url)).toMatch(/cannot be reached/);
  });
});
