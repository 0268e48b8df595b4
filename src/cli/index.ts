// Command line over the same services as the API: scoring, API keys and database migrations.
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { roles, type Role } from '../auth/api-keys';
import { loadConfig } from '../config';
import { OutboundClient } from '../outbound/outbound-client';
import { migrationsLocation } from '../db/locations';
import { migrateDatabase } from '../db/migrate';
import { createNextMigration } from '../db/migration-files';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { createLogger } from '../logger';
import { createServices, serviceOptionsFromConfig, type Services } from '../services';
import { builtInSanctionsSource } from '../intel/sanctions';
import { createScorer } from '../screening/scorer';
import { checkDirectories, DEFAULT_OFAC_URL, formatImportReport, formatStatus, importOfacDirectories, SanctionsCommandError, updateFromOfac } from '../sanctions/import-command';
import { SanctionsStore } from '../sanctions/sanctions-store';
import { createDatabaseClients, type Queryable } from '../db/prisma-client';
import { readInput, readRecords, scoreRecords } from './score-command';
import { addWebhookCommands } from './webhook-command';
import { addNotifyCommands } from './notify-command';
import { addAuditCommands } from './audit-command';
import { addCaseCommands } from './case-commands';
import { addUserCommands } from './user-command';
import { addWorkerHealthCommand } from './worker-health-command';
import { addAddressCommands } from './address-command';
import { isUuid } from '../validation/request';
import { instanceWaitLines, reportInstanceWait } from './instance-wait';
import { InstanceStore } from '../instances/instance-store';
import { ALIVE_WITHIN_MS } from '../instances/instance-sync';
import { formatRunningInstances } from '../instances/await-instances';

// Exit codes: 0 done, 1 failed, 2 bad usage or input.
async function withDatabase<T>(run: (handle: DatabaseHandle, logger: ReturnType<typeof createLogger>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // CLI output is for people: logs go to stderr and only warnings and worse by default.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', process.stderr as never);
  const handle = await openDatabase(config.database, logger, 'cli');
  try {
    return await run(handle, logger);
  } finally {
    await handle.close();
  }
}

async function withServices<T>(
  run: (services: Services, context: { url: string; logger: ReturnType<typeof createLogger> }) => Promise<T>,
  longRunning?: { poolMax: number },
): Promise<T> {
  return withDatabase(async (handle, logger) => {
    await migrateDatabase(handle.url, logger);
    // Polling is for long-running commands (the worker); others load the list only if they screen.
    const options = serviceOptionsFromConfig(loadConfig(), longRunning?.poolMax ?? 2);
    const services = createServices(handle.url, longRunning ? { ...options, logger, instanceKind: 'worker' } : { ...options, sanctionsPollMs: 0, loadSanctionsOnStart: false, knownAddressesPollMs: 0 });
    try {
      return await run(services, { url: handle.url, logger });
    } finally {
      await services.close();
    }
  });
}

async function withSanctionsStore<T>(run: (store: SanctionsStore, pool: Queryable) => Promise<T>): Promise<T> {
  return withDatabase(async (handle, logger) => {
    await migrateDatabase(handle.url, logger);
    const clients = createDatabaseClients(handle.url, 2);
    try {
      return await run(new SanctionsStore(clients.pool), clients.pool);
    } finally {
      await clients.close();
    }
  });
}

// A sanctions command that could not change the list says why and exits 2 (bad usage) or 1 (failed).
async function sanctionsAction(work: () => Promise<string[]>): Promise<void> {
  try {
    process.stdout.write(`${(await work()).join('\n')}\n`);
  } catch (error) {
    if (!(error instanceof SanctionsCommandError)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('must be a positive number');
  return number;
}

function parseBaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('must be an http(s) URL');
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${roles.join(', ')}`);
  return value as Role;
}

export function buildProgram(): Command {
  const program = new Command()
    .name('hfrc')
    .description('Hiring-fraud risk checker: administration commands')
    .showHelpAfterError()
    .exitOverride();

  const apikey = program.command('apikey').description('manage API keys');
  apikey
    .command('create')
    .description('create an API key and print it once')
    .requiredOption('--name <name>', 'who or what uses the key')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`, parseRole)
    .action(async (options: { name: string; role: Role }) => {
      if (!options.name.trim()) throw new InvalidArgumentError('--name must not be empty');
      const created = await withServices((services) => services.apiKeys.create(options.name.trim(), options.role));
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`API key ${created.prefix} (${options.role}) created for "${options.name.trim()}". It is shown only this once.\n`);
    });
  apikey
    .command('list')
    .description('list API keys (never their secrets)')
    .action(async () => {
      const keys = await withServices((services) => services.apiKeys.list());
      for (const key of keys) {
        process.stdout.write(`${key.prefix}\t${key.role}\t${key.revokedAt ? 'revoked' : 'active'}\t${key.lastUsedAt?.toISOString() ?? 'never used'}\t${key.name}\n`);
      }
    });
  apikey
    .command('revoke')
    .description('revoke an API key by its prefix (the 10 characters after "hfrc_")')
    .argument('<prefix>')
    .action(async (prefix: string) => {
      await withServices(async (services) => {
        if (!(await services.apiKeys.revoke(prefix))) {
          process.stderr.write(`No active API key with prefix ${prefix}\n`);
          process.exitCode = 2;
          return;
        }
        process.stderr.write(`API key ${prefix} revoked\n`);
        await reportInstanceWait(services.pool, 'api_keys', 'the revocation');
      });
    });

  program
    .command('score')
    .description('score applicants from FILE (a JSON object, a JSON array or JSON lines; - for stdin); one JSON result per line')
    .argument('<file>')
    .option('--save', 'store each screening as the API does (needs the database)')
    .action(async (file: string, options: { save?: boolean }) => {
      let text: string;
      try {
        text = readInput(file);
      } catch (error) {
        process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const records = readRecords(text);
      const write = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };
      const outcome = options.save
        ? await withServices(async (services) => {
            await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
            return scoreRecords(records, { service: services.screening, actor: `cli:${os.userInfo().username}` }, write);
          })
        : await scoreRecords(records, { scorer: createScorer(loadConfig().scoring, builtInSanctionsSource()) }, write);
      process.stderr.write(`${outcome.scored} scored, ${outcome.rejected} rejected\n`);
      if (outcome.rejected > 0) process.exitCode = 2;
    });

  const sanctions = program.command('sanctions').description('OFAC sanctions lists: import, status, update');
  sanctions
    .command('import')
    .description("store OFAC's CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv, cons_*.csv) from DIRs as one new version and activate it")
    .argument('<dir...>', 'directories of OFAC CSV files; later ones add to or replace rows of earlier ones')
    .option('--force', 'activate even a list much smaller than the active one, or without SDN entries')
    .action((directories: string[], options: { force?: boolean }) =>
      sanctionsAction(async () => {
        checkDirectories(directories);
        return withSanctionsStore(async (store, pool) => {
          const outcome = await importOfacDirectories(store, directories, { importedBy: `cli:${os.userInfo().username}`, force: options.force });
          return [...formatImportReport(outcome), ...(await instanceWaitLines(pool, 'sanctions', `version ${outcome.version.id}`))];
        });
      }),
    );
  sanctions
    .command('status')
    .description('show the active list version: id, import time, entries, files and their hashes')
    .action(() =>
      sanctionsAction(() =>
        withSanctionsStore(async (store, pool) => {
          const version = await store.activeVersion();
          return [...formatStatus(version), ...formatRunningInstances(await new InstanceStore(pool).alive(ALIVE_WITHIN_MS), version?.id ?? null)];
        }),
      ),
    );
  sanctions
    .command('activate')
    .description('make an earlier version the active one again (its id from `sanctions status` or an import)')
    .argument('<version-id>')
    .action((versionId: string) =>
      sanctionsAction(async () => {
        if (!isUuid(versionId)) throw new SanctionsCommandError(`${versionId} is not a version id`, 2);
        return withSanctionsStore(async (store, pool) => {
          const version = await store.activate(versionId).catch((error: Error) => Promise.reject(new SanctionsCommandError(error.message, 1)));
          return [`Version ${version.id} (${version.entryCount} entries, imported ${version.importedAt.toISOString()}) is active`, ...(await instanceWaitLines(pool, 'sanctions', `version ${version.id}`))];
        });
      }),
    );
  sanctions
    .command('update')
    .description("download OFAC's current files and import them (nothing changes when they are identical to the active version's)")
    .option('--url <base>', "where OFAC's files are", parseBaseUrl, DEFAULT_OFAC_URL)
    .option('--consolidated', 'also the consolidated (non-SDN) list, from <base>consolidated/')
    .option('--timeout <seconds>', 'per file', parsePositive, 60)
    .option('--force', 'import even identical files; activate even a much smaller list')
    .action((options: { url: string; consolidated?: boolean; timeout: number; force?: boolean }) =>
      sanctionsAction(async () => {
        return withSanctionsStore(async (store, pool) => {
          const outcome = await updateFromOfac(store, { baseUrl: options.url, outbound: new OutboundClient(loadConfig().outbound.allowHosts), consolidated: options.consolidated, timeoutMs: options.timeout * 1000, force: options.force, importedBy: `cli:${os.userInfo().username}` });
          if (outcome.isUnchanged) return [`OFAC's files are identical to the active version's: version ${outcome.version.id} stays active`];
          return [...formatImportReport(outcome), ...(await instanceWaitLines(pool, 'sanctions', `version ${outcome.version.id}`))];
        });
      }),
    );

  addAuditCommands(program, withDatabase);
  addWebhookCommands(program, withServices);
  addNotifyCommands(program, withServices);
  addCaseCommands(program, withServices);
  addUserCommands(program, withServices);
  addAddressCommands(program, withServices);
  addWorkerHealthCommand(program);

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

  return program;
}

async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return;
    if (code.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void run(process.argv);
