// `sanctions import|status|activate|update`: OFAC lists, and which list each running instance screens with.
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config';
import { formatRunningInstances } from '../instances/await-instances';
import type { InstanceStore } from '../instances/instance-store';
import { ALIVE_WITHIN_MS } from '../instances/instance-sync';
import { OutboundClient } from '../outbound/outbound-client';
import { checkDirectories, importOfacDirectories, SanctionsCommandError } from '../sanctions/import-command';
import { formatImportReport, formatStatus } from '../sanctions/import-report';
import { DEFAULT_OFAC_URL, updateFromOfac } from '../sanctions/ofac-update';
import type { SanctionsStore } from '../sanctions/sanctions-store';
import { isUuid } from '../validation/request';
import { instanceWaitLines } from './instance-wait';
import { cliActor } from './arguments';

type WithSanctionsStore = <T>(run: (store: SanctionsStore, instances: InstanceStore) => Promise<T>) => Promise<T>;

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

const importedBy = cliActor;

export function addSanctionsCommands(program: Command, withSanctionsStore: WithSanctionsStore): void {
  const sanctions = program.command('sanctions').description('OFAC sanctions lists: import, status, update');
  sanctions
    .command('import')
    .description(
      "store OFAC's CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv, cons_*.csv) from DIRs as one new version and activate it",
    )
    .argument('<dir...>', 'directories of OFAC CSV files; later ones add to or replace rows of earlier ones')
    .option('--force', 'activate even a list much smaller than the active one, or without SDN entries')
    .action((directories: string[], options: { force?: boolean }) =>
      sanctionsAction(async () => {
        checkDirectories(directories);
        return withSanctionsStore(async (store, instances) => {
          const outcome = await importOfacDirectories(store, directories, {
            importedBy: importedBy(),
            force: options.force,
          });
          return [
            ...formatImportReport(outcome),
            ...(await instanceWaitLines(instances, 'sanctions', `version ${outcome.version.id}`)),
          ];
        });
      }),
    );
  sanctions
    .command('status')
    .description('show the active list version: id, import time, entries, files and their hashes')
    .action(() =>
      sanctionsAction(() =>
        withSanctionsStore(async (store, instances) => {
          const version = await store.activeVersion();
          return [
            ...formatStatus(version),
            ...formatRunningInstances(await instances.alive(ALIVE_WITHIN_MS), version?.id ?? null),
          ];
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
        return withSanctionsStore(async (store, instances) => {
          const version = await store
            .activate(versionId)
            .catch((error: Error) => Promise.reject(new SanctionsCommandError(error.message, 1)));
          return [
            `Version ${version.id} (${version.entryCount} entries, imported ${version.importedAt.toISOString()}) is active`,
            ...(await instanceWaitLines(instances, 'sanctions', `version ${version.id}`)),
          ];
        });
      }),
    );
  sanctions
    .command('update')
    .description(
      "download OFAC's current files and import them (nothing changes when they are identical to the active version's)",
    )
    .option('--url <base>', "where OFAC's files are", parseBaseUrl, DEFAULT_OFAC_URL)
    .option('--consolidated', 'also the consolidated (non-SDN) list, from <base>consolidated/')
    .option('--timeout <seconds>', 'per file', parsePositive, 60)
    .option('--force', 'import even identical files; activate even a much smaller list')
    .action((options: { url: string; consolidated?: boolean; timeout: number; force?: boolean }) =>
      sanctionsAction(async () => {
        return withSanctionsStore(async (store, instances) => {
          const outcome = await updateFromOfac(store, {
            baseUrl: options.url,
            outbound: new OutboundClient(loadConfig().outbound.allowHosts),
            consolidated: options.consolidated,
            timeoutMs: options.timeout * 1000,
            force: options.force,
            importedBy: importedBy(),
          });
          if (outcome.isUnchanged)
            return [`OFAC's files are identical to the active version's: version ${outcome.version.id} stays active`];
          return [
            ...formatImportReport(outcome),
            ...(await instanceWaitLines(instances, 'sanctions', `version ${outcome.version.id}`)),
          ];
        });
      }),
    );
}
