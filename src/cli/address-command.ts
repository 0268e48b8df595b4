// CLI: `addresses add|list|remove`: the company's own offices, depots and staffing partners, which never link applicants.
import type { Command } from 'commander';
import { knownAddressKindLabels, knownAddressKinds } from '../intel/known-addresses';
import type { KnownAddress } from '../known-addresses/known-address-service';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { reportInstanceWait } from './instance-wait';
import { cliActor, optionFlag, refusalsAsUsage } from './arguments';

type WithServices = <T>(
  run: (services: Services, context: { url: string; logger: Logger }) => Promise<T>,
) => Promise<T>;

const actor = cliActor;

function optionOf(path: string): string {
  const name = path.replace(/^address\./, '');
  return name === 'address' ? 'the address' : optionFlag(name);
}

function describe(known: KnownAddress): string {
  const place = [known.line1, known.line2, known.city, known.region, known.postalCode, known.country]
    .filter(Boolean)
    .join(', ');
  const state = known.removedAt ? `removed ${known.removedAt.toISOString()} by ${known.removedBy}` : 'active';
  return [
    known.id,
    knownAddressKindLabels[known.kind],
    known.label,
    place,
    `added ${known.addedAt.toISOString()} by ${known.addedBy}`,
    state,
  ].join('\t');
}

/** Adds `addresses` under the program (so that it inherits its error handling: bad usage exits 2). */
export function addAddressCommands(program: Command, withServices: WithServices): void {
  const addresses = program
    .command('addresses')
    .description(
      "the company's own shipping addresses (offices, depots, staffing partners): applicants shipping there are never linked through them",
    );
  addresses
    .command('add')
    .description(
      'declare an address; cases screened before stop linking through it (run `rescore` to update their scores)',
    )
    .requiredOption('--label <label>', 'how reviewers see it, e.g. "Austin office"')
    .requiredOption('--kind <kind>', knownAddressKinds.join(' | '))
    .requiredOption('--line1 <street>', 'the street line')
    .option('--line2 <line>', 'a second line (suite, floor)')
    .option('--city <city>', 'the city (a city or a postcode is needed)')
    .option('--region <region>', 'state or region')
    .option('--postal-code <code>', 'the postcode')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2, e.g. US')
    .action(
      (options: {
        label: string;
        kind: string;
        line1: string;
        line2?: string;
        city?: string;
        region?: string;
        postalCode?: string;
        country: string;
      }) =>
        refusalsAsUsage(async () => {
          const request = {
            label: options.label,
            kind: options.kind,
            address: {
              line1: options.line1,
              line2: options.line2,
              city: options.city,
              region: options.region,
              postalCode: options.postalCode,
              country: options.country,
            },
          };
          await withServices(async (services) => {
            const { address, unlinkedCases } = await services.knownAddresses.add(request, actor());
            process.stdout.write(`${address.id}\n`);
            process.stderr.write(
              `“${address.label}” (${knownAddressKindLabels[address.kind]}) declared: applicants shipping there are not linked through it.` +
                (unlinkedCases > 0
                  ? ` ${unlinkedCases} case(s) screened before no longer link through it; \`rescore\` updates their scores.`
                  : '') +
                '\n',
            );
            await reportInstanceWait(services.instances, 'known_addresses', 'the new address');
          });
        }, optionOf),
    );
  addresses
    .command('list')
    .description('list the declared addresses: id, kind, label, address, who added it and when, state')
    .option('--include-removed', 'also the removed ones (kept for the record)')
    .action(async (options: { includeRemoved?: boolean }) => {
      const list = await withServices((services) =>
        services.knownAddresses.list({ includeRemoved: options.includeRemoved === true }),
      );
      for (const known of list) process.stdout.write(`${describe(known)}\n`);
      if (list.length === 0) process.stderr.write('No company address is declared.\n');
    });
  addresses
    .command('remove')
    .description(
      'remove a declared address by its id (kept, marked removed by you); applicants shipping there link again from their next screening',
    )
    .argument('<id>', 'the id `addresses list` shows')
    .action((id: string) =>
      refusalsAsUsage(async () => {
        await withServices(async (services) => {
          const removed = await services.knownAddresses.remove(id, actor());
          process.stderr.write(`“${removed.label}” removed.\n`);
          await reportInstanceWait(services.instances, 'known_addresses', 'the removal');
        });
      }, optionOf),
    );
}
