// `audit verify [--case ID]`: recomputes the audit trail's hash chains and reports every break (exit 1 when any).
import { InvalidArgumentError, type Command } from 'commander';
import { AuditEventStore } from '../audit/audit-event-store';
import { formatChainReport, verifyAuditChains } from '../audit/verify-chains';
import { migrateDatabase } from '../db/migrate';
import type { DatabaseHandle } from '../db/open-database';
import { createDatabaseClients } from '../db/prisma-client';
import type { Logger } from '../logger';
import { isUuid } from '../validation/request';

type WithDatabase = <T>(run: (handle: DatabaseHandle, logger: Logger) => Promise<T>) => Promise<T>;

function parseCaseId(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('must be a case id (a UUID)');
  return value.toLowerCase();
}

/** Adds `audit` under the program (so that it inherits its error handling: bad usage exits 2). */
export function addAuditCommands(program: Command, withDatabase: WithDatabase): void {
  const audit = program.command('audit').description('the audit trail (case_events)');
  audit
    .command('verify')
    .description("recompute every case's hash chain from the stored events; prints each break (case, event, expected, found); exit 1 on any")
    .option('--case <id>', 'only this case', parseCaseId)
    .action(async (options: { case?: string }) => {
      const report = await withDatabase(async (handle, logger) => {
        await migrateDatabase(handle.url, logger);
        const clients = createDatabaseClients(handle.url, 1);
        try {
          return await verifyAuditChains(new AuditEventStore(clients.pool), options.case);
        } finally {
          await clients.close();
        }
      });
      if (options.case && report.cases === 0) {
        process.stderr.write(`No case ${options.case}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${formatChainReport(report).join('\n')}\n`);
      if (report.breakCount > 0) process.exitCode = 1;
    });
}
