// `import`, `rescore`, `export` and `purge`: the bulk case commands, over the same services as the API.
// Exit codes: 0 done, 1 failed (or interrupted: an import resumes with --resume), 2 bad usage or input
// (an import with rejected rows exits 2 too, after screening every good row).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { caseStatuses } from '../cases/case-types';
import { loadConfig } from '../config';
import { RescoreCandidateStore } from '../cases/rescore-candidate-store';
import { RescoringStore } from '../cases/rescoring-store';
import { RuleRescorer } from '../screening/rescore-rules';
import { createScorer } from '../screening/scorer';
import { bands, type Band } from '../scoring/types';
import type { Services } from '../services';
import { exportCases, type ExportedCases, type ExportFormat } from './export-command';
import { ImportCommandError, importApplicants, type ImportFormat, type ImportTarget } from './import-command';
import { createProgress } from './progress';
import { CLOSED_STATUSES, runPurge, type RetentionStore } from './purge-command';
import { runRescore } from './rescore-command';
import { cliActor } from './arguments';

type WithServices = <T>(run: (services: Services) => Promise<T>) => Promise<T>;

/** What these commands read and write besides the services, bound to the services' pool by the composition (cli/index.ts). */
export interface CaseCommandStores {
  exportedCases: ExportedCases;
  retention: RetentionStore;
  isNewCase: ImportTarget['isNewCase'];
}

const OPEN_STATUSES = caseStatuses.filter((status) => !CLOSED_STATUSES.includes(status));

function listOf<T extends string>(allowed: readonly T[]): (value: string) => T[] {
  return (value) => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const wrong = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (items.length === 0 || wrong.length > 0)
      throw new InvalidArgumentError(`must be one or more of ${allowed.join(', ')} (comma-separated)`);
    return items as T[];
  };
}

function parseSince(value: string): Date {
  // A date alone is midnight UTC; a date-time must say its time zone.
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const isDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(isDate ? `${value}T00:00:00Z` : value);
  if ((!isDate && !isDateTime) || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('must be a date (YYYY-MM-DD, UTC) or a date-time with a time zone');
  return date;
}

function parseDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 36_500)
    throw new InvalidArgumentError('must be a whole number of days, at least 1');
  return Number(value);
}

const user = cliActor;
const out = (line: string) => process.stdout.write(`${line}\n`);

export function addCaseCommands(
  program: Command,
  withServices: WithServices,
  storesOf: (services: Services) => CaseCommandStores,
): void {
  program
    .command('import')
    .description(
      'screen every applicant of a CSV or JSON-lines FILE as POST /api/v1/screenings does; progress on stderr, summary on stdout; resumable',
    )
    .argument(
      '<file>',
      'CSV with a header of dotted field paths (docs/operations.md, "CSV columns"), or one applicant JSON object per line',
    )
    .addOption(
      new Option(
        '--format <format>',
        'the file format (default: from the extension, else the first character)',
      ).choices(['csv', 'jsonl']),
    )
    .option(
      '--resume',
      'continue an interrupted import of the same file from its checkpoint (rows already done are not screened again)',
    )
    .option('--restart', 'import the whole file again although an unfinished checkpoint exists')
    .option('--checkpoint <file>', 'where the checkpoint is kept (default: FILE.checkpoint.json)')
    .option('--errors <file>', 'write rejected rows (row, line, field, message) to this CSV file instead of stderr')
    .option('--source <source>', 'the applicant "source" for rows that give none (default "api", as in the API)')
    .action(
      async (
        file: string,
        options: {
          format?: ImportFormat;
          resume?: boolean;
          restart?: boolean;
          checkpoint?: string;
          errors?: string;
          source?: string;
        },
      ) => {
        if (options.source !== undefined && !/^[a-z0-9][a-z0-9_.-]{0,39}$/.test(options.source))
          throw new InvalidArgumentError('--source must be 1-40 lower-case letters, digits, ".", "_" or "-"');
        const abort = new AbortController();
        const stop = () => abort.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          const checkpoint = await withServices(async (services) => {
            await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
            return importApplicants(
              { service: services.screening, isNewCase: storesOf(services).isNewCase },
              {
                file,
                format: options.format,
                resume: options.resume,
                restart: options.restart,
                checkpointPath: options.checkpoint,
                errorsPath: options.errors,
                source: options.source,
                actor: 'cli:import',
              },
              { out, err: (line) => process.stderr.write(`${line}\n`) },
              abort.signal,
            );
          });
          if (checkpoint.counts.rejected > 0) process.exitCode = 2;
        } catch (error) {
          if (!(error instanceof ImportCommandError)) throw error;
          process.stderr.write(`Error: ${error.message}\n`);
          process.exitCode = error.exitCode;
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      },
    );

  program
    .command('rescore')
    .description(
      'after a rule change (SCORING_RULES): score cases again from their latest applicant snapshot under the current rule set; a changed score or band becomes a new screening (system:rescore) with an audit event',
    )
    .option('--band <bands>', `only cases now in these bands (${bands.join(', ')}; comma-separated)`, listOf(bands))
    .option('--since <date>', 'only cases created at or after this date (YYYY-MM-DD, UTC) or date-time', parseSince)
    .option(
      '--include-closed',
      `also cases already decided or withdrawn (${CLOSED_STATUSES.join(', ')}); by default only ${OPEN_STATUSES.join(', ')}`,
    )
    .option('--dry-run', 'print how bands would move (band before x band after) and write nothing')
    .action(async (options: { band?: Band[]; since?: Date; includeClosed?: boolean; dryRun?: boolean }) => {
      await withServices(async (services) => {
        await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
        const scorer = createScorer(
          loadConfig().scoring,
          () => services.sanctions.current(),
          () => services.knownAddresses.current(),
        );
        await runRescore(
          new RuleRescorer(
            new RescoreCandidateStore(services.pool),
            new RescoringStore(services.pool, scorer.ruleSet),
            scorer,
            services.links,
          ),
          {
            bands: options.band,
            since: options.since,
            statuses: options.includeClosed ? [...caseStatuses] : OPEN_STATUSES,
            isDryRun: options.dryRun === true,
            runBy: user(),
          },
          { out },
        );
      });
    });

  program
    .command('export')
    .description(
      'write cases with their current score, band, status and latest decision (the fields of the case list API, no applicant data beyond them)',
    )
    .option('--band <bands>', `only these bands (${bands.join(', ')}; comma-separated)`, listOf(bands))
    .option(
      '--status <statuses>',
      `only these statuses (${caseStatuses.join(', ')}; comma-separated)`,
      listOf(caseStatuses),
    )
    .option('--since <date>', 'only cases created at or after this date (YYYY-MM-DD, UTC) or date-time', parseSince)
    .addOption(
      new Option(
        '--format <format>',
        "csv (a header row; cells a spreadsheet would run as formulas are prefixed with ') or jsonl",
      )
        .choices(['csv', 'jsonl'])
        .default('csv'),
    )
    .option('--out <file>', 'write to this file (replaced only once the export is complete) instead of stdout')
    .action(async (options: { band?: Band[]; status?: string[]; since?: Date; format: ExportFormat; out?: string }) => {
      await withServices(async (services) => {
        const progress = options.out ? createProgress({ label: 'export', unit: 'cases' }) : null;
        const count = await exportCases(
          storesOf(services).exportedCases,
          { bands: options.band, statuses: options.status, since: options.since },
          options.format,
          options.out,
          (done) => progress?.update(done),
        );
        progress?.finish();
        process.stderr.write(`${count} case(s) exported${options.out ? ` to ${options.out}` : ''}\n`);
      });
    });

  program
    .command('purge')
    .description(
      `retention: erase the personal data of closed cases (${CLOSED_STATUSES.join(', ')}) not updated for DAYS days; decisions, scores, bands and the audit trail are kept`,
    )
    .requiredOption('--older-than <days>', 'days since the case was last updated (at least 1)', parseDays)
    .option('--dry-run', 'count the cases that would be erased and write nothing')
    .action(async (options: { olderThan: number; dryRun?: boolean }) => {
      await withServices(async (services) => {
        // Stored answers past their time to live go first: fewer rows to search for each erased case.
        if (!options.dryRun) await services.screening.purgeExpiredIdempotency();
        await runPurge(
          storesOf(services).retention,
          { olderThanDays: options.olderThan, isDryRun: options.dryRun === true, actor: user() },
          { out },
        );
      });
    });
}
