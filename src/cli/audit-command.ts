// `audit verify [--case ID]`: recomputes the audit trail's hash chains and reports every break (exit 1 when any).
import { InvalidArgumentError, type Command } from 'commander';
import { formatChainReport, type ChainReport } from '../audit/verify-chains';
import { isUuid } from '../validation/request';

/** Recomputes the chains of every case, or of one (the composition opens the database for it: cli/index.ts). */
export type VerifyChains = (caseId?: string) => Promise<ChainReport>;

function parseCaseId(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('must be a case id (a UUID)');
  return value.toLowerCase();
}

/** Adds `audit` under the program (so that it inherits its error handling: bad usage exits 2). */
export function addAuditCommands(program: Command, verifyChains: VerifyChains): void {
  const audit = program.command('audit').description('the audit trail (case_events)');
  audit
    .command('verify')
    .description(
      "recompute every case's hash chain from the stored events; prints each break (case, event, expected, found); exit 1 on any",
    )
    .option('--case <id>', 'only this case', parseCaseId)
    .action(async (options: { case?: string }) => {
      const report = await verifyChains(options.case);
      if (options.case && report.cases === 0) {
        process.stderr.write(`No case ${options.case}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${formatChainReport(report).join('\n')}\n`);
      if (report.breakCount > 0) process.exitCode = 1;
    });
}
