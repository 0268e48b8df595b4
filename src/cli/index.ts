// Command line over the same services as the API: the composition of the commands (src/cli/*-command(s).ts) with
// the database, the services and the stores they run over.
import { Command } from 'commander';
import { verifyAuditChains, type ChainReport } from '../audit/verify-chains';
import { AuditEventStore } from '../audit/audit-event-store';
import { wasNewCase } from '../cases/case-events-store';
import { exportedCases } from '../cases/case-export-store';
import { caseIdsDueForErasure, countDueForErasure, eraseIfStillDue, retentionCutoff } from '../cases/erasure-store';
import { loadConfig } from '../config';
import { migrateDatabase } from '../db/migrate';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { createDatabaseClients } from '../db/prisma-client';
import { InstanceStore } from '../instances/instance-store';
import { createLogger } from '../logger';
import { SanctionsStore } from '../sanctions/sanctions-store';
import { createServices, serviceOptionsFromConfig, type Services } from '../services';
import { addAddressCommands } from './address-command';
import { addApiKeyCommands } from './apikey-commands';
import { addAuditCommands } from './audit-command';
import { addCaseCommands, type CaseCommandStores } from './case-commands';
import { addDbCommands } from './db-commands';
import { addNotifyCommands } from './notify-command';
import { addSanctionsCommands } from './sanctions-commands';
import { addScoreCommand } from './score-command';
import { addUserCommands } from './user-command';
import { addWebhookSourceCommands } from './webhook-command';
import { addWorkerCommand } from './worker-command';
import { addWorkerHealthCommand } from './worker-health-command';

// Exit codes: 0 done, 1 failed, 2 bad usage or input.
async function withDatabase<T>(
  run: (handle: DatabaseHandle, logger: ReturnType<typeof createLogger>) => Promise<T>,
): Promise<T> {
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
    const services = createServices(
      handle.url,
      longRunning
        ? { ...options, logger, instanceKind: 'worker' }
        : { ...options, sanctionsPollMs: 0, loadSanctionsOnStart: false, knownAddressesPollMs: 0 },
    );
    try {
      return await run(services, { url: handle.url, logger });
    } finally {
      await services.close();
    }
  });
}

// The sanctions commands need neither the services nor a loaded list: the store and the running instances only.
async function withSanctionsStore<T>(run: (store: SanctionsStore, instances: InstanceStore) => Promise<T>): Promise<T> {
  return withDatabase(async (handle, logger) => {
    await migrateDatabase(handle.url, logger);
    const clients = createDatabaseClients(handle.url, 2);
    try {
      return await run(new SanctionsStore(clients.pool), new InstanceStore(clients.pool));
    } finally {
      await clients.close();
    }
  });
}

// `audit verify` reads every chain over one connection of its own.
function verifyChains(caseId?: string): Promise<ChainReport> {
  return withDatabase(async (handle, logger) => {
    await migrateDatabase(handle.url, logger);
    const clients = createDatabaseClients(handle.url, 1);
    try {
      return await verifyAuditChains(new AuditEventStore(clients.pool), caseId);
    } finally {
      await clients.close();
    }
  });
}

function caseCommandStores({ pool }: Services): CaseCommandStores {
  return {
    exportedCases: (filter) => exportedCases(pool, filter),
    retention: {
      cutoff: (days) => retentionCutoff(pool, days),
      countDue: (due) => countDueForErasure(pool, due),
      idsDue: (due, afterId, limit) => caseIdsDueForErasure(pool, due, afterId, limit),
      eraseIfStillDue: (due, caseId, actor, reason) => eraseIfStillDue(pool, due, caseId, actor, reason),
    },
    isNewCase: (caseId, screeningId) => wasNewCase(pool, caseId, screeningId),
  };
}

export function buildProgram(): Command {
  const program = new Command()
    .name('hfrc')
    .description('Hiring-fraud risk checker: administration commands')
    .showHelpAfterError()
    .exitOverride();
  // Registered in this order: `--help` lists the commands so.
  addApiKeyCommands(program, withServices);
  addScoreCommand(program, withServices);
  addSanctionsCommands(program, withSanctionsStore);
  addAuditCommands(program, verifyChains);
  addWebhookSourceCommands(program, withServices);
  addWorkerCommand(program, withServices);
  addNotifyCommands(program, withServices);
  addCaseCommands(program, withServices, caseCommandStores);
  addUserCommands(program, withServices);
  addAddressCommands(program, withServices);
  addWorkerHealthCommand(program);
  addDbCommands(program, withDatabase);
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
