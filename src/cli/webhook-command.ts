// `webhook-source create|list|update|reseal`: ATS webhook sources, over the same WebhookSourceService as the admin pages.
import { InvalidArgumentError, type Command } from 'commander';
import type { Services } from '../services';
import { vendors, type Vendor } from '../webhooks/adapters/types';
import { VENDOR_ISSUED_SECRETS } from '../crypto/signatures';
import { sourceSettingsSchema, type SourceSettings } from '../webhooks/source-settings';
import type { WebhookSource } from '../webhooks/webhook-sources';
import { reportInstanceWait } from './instance-wait';
import {
  createNamedCommand,
  enabledChange,
  listCommand,
  type OnOffOptions,
  refusedAsUsage,
  updateNamedCommand,
  usage,
} from './arguments';

type WithServices = <T>(run: (services: Services) => Promise<T>) => Promise<T>;

const VENDOR_NOTES: Record<Vendor, string> = {
  greenhouse:
    'Paste this secret key into Greenhouse (Configure > Dev Center > Web Hooks) with the endpoint URL <base>/webhooks/greenhouse.',
  lever:
    'Lever issues the signing token: pass it with --secret (Settings > Integrations and API > Webhooks); set --api-key so that the worker can fetch candidates.',
  ashby:
    'Paste this secret token into Ashby (Admin > Integrations > Webhooks) with the endpoint URL <base>/webhooks/ashby.',
  smartrecruiters:
    'SmartRecruiters issues the secret key: pass it with --secret (POST /webhooks-api/v201907/subscriptions/{id}/secret-key, after activating the subscription on <base>/webhooks/smartrecruiters); set --api-key so that the worker can fetch candidates.',
  generic: 'Give this Standard Webhooks secret to the sender; it posts to <base>/webhooks/generic (docs/webhooks.md).',
};

function parseFieldMap(value: string): NonNullable<SourceSettings['fieldMap']> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be a JSON object, e.g. \'{"laptop_address":"shipping.address"}\'');
  }
  const result = sourceSettingsSchema.shape.fieldMap.safeParse(parsed);
  if (!result.success || !result.data)
    throw new InvalidArgumentError(
      `must map custom field keys to targets: ${result.error?.issues[0]?.message ?? 'empty'}`,
    );
  return result.data;
}

function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    // As written (not re-serialised): the outbound policy refuses IP addresses written in other forms than a.b.c.d.
    if (url.protocol === 'https:' || url.protocol === 'http:') return value.replace(/\/$/, '');
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('must be an http(s) URL');
}

function parseUserId(value: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(value))
    throw new InvalidArgumentError('must be an ATS user id (letters, digits, "-")');
  return value;
}

function nextSettings(
  current: SourceSettings,
  options: { fieldMap?: SourceSettings['fieldMap']; writeBackAs?: string; writeBack?: boolean },
): SourceSettings | undefined {
  if (!options.fieldMap && !options.writeBackAs && options.writeBack !== false) return undefined;
  const next: SourceSettings = { ...current };
  if (options.fieldMap) next.fieldMap = options.fieldMap;
  if (options.writeBackAs) next.writeBack = { asUser: options.writeBackAs };
  else if (options.writeBack === false) delete next.writeBack;
  return next;
}

function describeSource(source: WebhookSource): string {
  const fields = Object.keys(source.settings.fieldMap ?? {}).length;
  return [
    source.name,
    source.vendor,
    source.enabled ? 'enabled' : 'disabled',
    source.hasApiKey ? 'api key set' : 'no api key',
    `${fields} mapped field(s)`,
    source.settings.writeBack ? `notes as user ${source.settings.writeBack.asUser}` : 'no notes',
  ].join('\t');
}

export function addWebhookSourceCommands(program: Command, withServices: WithServices): void {
  const sources = program
    .command('webhook-source')
    .description('ATS webhook sources: Greenhouse, Lever, Ashby, SmartRecruiters, generic (Standard Webhooks)');
  addCreateCommand(sources, withServices);
  listCommand(
    sources,
    'list sources (never their secrets)',
    () => withServices((services) => services.webhooks.sources.list()),
    describeSource,
  );
  addUpdateCommand(sources, withServices);
  sources
    .command('reseal')
    .description(
      're-encrypt every stored secret and delivery body under SECRETS_KEY (after a rotation; SECRETS_KEY_PREVIOUS must hold the old key)',
    )
    .action(async () => {
      const { sources, bodies } = await withServices(async (services) => ({
        sources: await services.webhooks.sources.reseal(),
        bodies: await services.webhooks.deliveries.resealBodies(),
      }));
      process.stdout.write(`${sources} source(s) and ${bodies} stored delivery bodies re-encrypted\n`);
    });
}

function addCreateCommand(sources: Command, withServices: WithServices): void {
  createNamedCommand(
    sources,
    'configure a source; prints its signing secret once (generated unless --secret is given)',
    'vendor',
    vendors,
  )
    .option(
      '--secret <secret>',
      "the vendor's signing secret (Lever's token, SmartRecruiters' secret key); read from the environment variable WEBHOOK_SECRET when set",
    )
    .option(
      '--api-key <key>',
      'the vendor API key (Lever, SmartRecruiters: to fetch candidates); or the environment variable WEBHOOK_API_KEY',
    )
    .option('--api-base-url <url>', "the vendor API's base URL (default the vendor's own)", parseUrl)
    .option(
      '--field-map <json>',
      'custom field key -> applicant target, JSON (docs/webhooks.md lists the targets)',
      parseFieldMap,
    )
    .option(
      '--write-back-as <user-id>',
      'write each result back as a note on the candidate, as this ATS user (Greenhouse, Lever; needs --api-key)',
      parseUserId,
    )
    .action(
      async (options: {
        vendor: Vendor;
        name: string;
        secret?: string;
        apiKey?: string;
        apiBaseUrl?: string;
        fieldMap?: SourceSettings['fieldMap'];
        writeBackAs?: string;
      }) => {
        // Secrets from the environment keep them out of shell history and process listings.
        const secret = options.secret ?? process.env.WEBHOOK_SECRET;
        const apiKey = options.apiKey ?? process.env.WEBHOOK_API_KEY;
        const issued = VENDOR_ISSUED_SECRETS[options.vendor];
        if (issued && !secret)
          return usage(
            `${options.vendor === 'lever' ? 'Lever' : 'SmartRecruiters'} issues the signing ${issued}: pass it with --secret or WEBHOOK_SECRET`,
          );
        if (secret !== undefined && (secret.length < 16 || secret.length > 500))
          return usage('--secret must be 16-500 characters');
        if (options.writeBackAs && options.vendor !== 'greenhouse' && options.vendor !== 'lever')
          return usage('--write-back-as: notes can be written back to Greenhouse and Lever only');
        if (options.writeBackAs && !apiKey)
          return usage('--write-back-as needs --api-key (or WEBHOOK_API_KEY): Greenhouse Harvest or Lever API key');
        await withServices(async (services) => {
          const created = await services.webhooks.sources
            .create({
              vendor: options.vendor,
              name: options.name,
              secret,
              apiKey,
              apiBaseUrl: options.apiBaseUrl,
              settings: {
                ...(options.fieldMap ? { fieldMap: options.fieldMap } : {}),
                ...(options.writeBackAs ? { writeBack: { asUser: options.writeBackAs } } : {}),
              },
            })
            .catch(refusedAsUsage);
          if (!created) return;
          if (!secret) process.stdout.write(`${created.secret}\n`);
          process.stderr.write(
            `Webhook source "${created.source.name}" (${created.source.vendor}) created. ${VENDOR_NOTES[created.source.vendor]}${secret ? '' : ' The secret is shown only this once.'}\n`,
          );
          await reportInstanceWait(services.instances, 'webhook_sources', 'the new source');
        });
      },
    );
}

function addUpdateCommand(sources: Command, withServices: WithServices): void {
  updateNamedCommand(
    sources,
    'change a source: enable or disable it, replace its secret, API key or field map',
    'refuse its deliveries (401) from now on',
  )
    .option('--secret <secret>', 'a new signing secret (or WEBHOOK_SECRET)')
    .option('--api-key <key>', 'a new API key (or WEBHOOK_API_KEY)')
    .option('--api-base-url <url>', 'the vendor API base URL', parseUrl)
    .option('--field-map <json>', 'replaces the field map', parseFieldMap)
    .option('--write-back-as <user-id>', 'write results back as notes, as this ATS user', parseUserId)
    .option('--no-write-back', 'stop writing results back')
    .action(
      async (
        name: string,
        options: OnOffOptions & {
          secret?: string;
          apiKey?: string;
          apiBaseUrl?: string;
          fieldMap?: SourceSettings['fieldMap'];
          writeBackAs?: string;
          writeBack?: boolean;
        },
      ) => {
        const enabled = enabledChange(options);
        if (enabled === null) return;
        await withServices(async (services) => {
          const existing = (await services.webhooks.sources.list()).find((source) => source.name === name);
          const updated = await services.webhooks.sources
            .update(name, {
              enabled,
              secret: options.secret ?? process.env.WEBHOOK_SECRET,
              apiKey: options.apiKey ?? process.env.WEBHOOK_API_KEY,
              apiBaseUrl: options.apiBaseUrl,
              settings: existing ? nextSettings(existing.settings, options) : undefined,
            })
            .catch(refusedAsUsage);
          if (updated === undefined) return;
          if (!updated) return usage(`No webhook source named "${name}"`);
          process.stdout.write(`${describeSource(updated)}\n`);
          await reportInstanceWait(services.instances, 'webhook_sources', 'the change');
        });
      },
    );
}
