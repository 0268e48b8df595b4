// CLI: notification endpoints (create, list, update, test, reseal): where a case's rise to high or critical is announced.
import { InvalidArgumentError, type Command } from 'commander';
import type { Logger } from '../logger';
import {
  notificationKinds,
  notificationMinBands,
  type NotificationEndpoint,
  type NotificationKind,
  type NotificationMinBand,
} from '../notifications/notification-endpoints';
import { createNotifier } from '../notifications/notifier';
import type { Services } from '../services';
import {
  createNamedCommand,
  enabledChange,
  listCommand,
  type OnOffOptions,
  oneOf,
  refusedAsUsage,
  updateNamedCommand,
  usage,
} from './arguments';

const parseNotificationMinBand = oneOf(notificationMinBands);

type WithServices = <T>(
  run: (services: Services, context: { url: string; logger: Logger }) => Promise<T>,
) => Promise<T>;

function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username &&
      !url.password &&
      value.length <= 2000
    )
      return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('must be an http(s) URL (at most 2000 characters, no user name or password)');
}

function parseAttempts(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 25)
    throw new InvalidArgumentError('must be a whole number from 1 to 25');
  return number;
}

/** One line per endpoint; a Slack endpoint shows only its origin (its URL is the credential). */
function describeEndpoint(endpoint: NotificationEndpoint): string {
  const state = endpoint.enabled
    ? 'enabled'
    : `disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}`;
  return [
    endpoint.name,
    endpoint.kind,
    state,
    `min band ${endpoint.minBand}`,
    `${endpoint.maxAttempts} attempts`,
    endpoint.displayUrl,
  ].join('\t');
}

const KIND_NOTES: Record<NotificationKind, string> = {
  webhook:
    'Give this Standard Webhooks secret to the receiver: it verifies webhook-id, webhook-timestamp and webhook-signature with it (docs/operations.md#notifications). It is shown only this once.',
  slack: 'The incoming-webhook URL is stored sealed under SECRETS_KEY and never shown again (only its origin).',
};

export function addNotifyCommands(program: Command, withServices: WithServices): void {
  const endpoints = program
    .command('notify-endpoint')
    .description(
      'notifications when a case reaches high or critical: signed webhooks (Standard Webhooks) and Slack-compatible messages',
    );
  createNamedCommand(
    endpoints,
    'add an endpoint; for --kind webhook prints its signing secret once',
    'kind',
    notificationKinds,
  )
    .option(
      '--url <url>',
      "the receiver's URL (slack: the incoming-webhook URL); or the environment variable NOTIFY_URL, which keeps it out of shell history",
      parseUrl,
    )
    .option(
      '--min-band <band>',
      `notify from this band up: ${notificationMinBands.join(' | ')}`,
      parseNotificationMinBand,
      'high',
    )
    .option('--max-attempts <n>', 'attempts with exponential backoff before a notification is dead', parseAttempts, 10)
    .action(
      async (options: {
        kind: NotificationKind;
        name: string;
        url?: string;
        minBand: NotificationMinBand;
        maxAttempts: number;
      }) => {
        let url = options.url;
        if (!url && process.env.NOTIFY_URL) {
          try {
            url = parseUrl(process.env.NOTIFY_URL);
          } catch (error) {
            return usage(`NOTIFY_URL ${(error as Error).message}`);
          }
        }
        if (!url) return usage("give the receiver's URL with --url or NOTIFY_URL");
        const target = url;
        const created = await withServices((services) =>
          services.notifications.endpoints.create({
            kind: options.kind,
            name: options.name,
            url: target,
            minBand: options.minBand,
            maxAttempts: options.maxAttempts,
          }),
        ).catch(refusedAsUsage);
        if (!created) return;
        if (created.secret) process.stdout.write(`${created.secret}\n`);
        process.stderr.write(
          `Notification endpoint "${created.endpoint.name}" (${created.endpoint.kind}, from ${created.endpoint.minBand}) created. ${KIND_NOTES[created.endpoint.kind]}\n`,
        );
      },
    );
  listCommand(
    endpoints,
    'list endpoints (never their secrets; a Slack URL only by its origin)',
    () => withServices((services) => services.notifications.endpoints.list()),
    describeEndpoint,
  );
  updateNamedCommand(
    endpoints,
    'change an endpoint: enable or disable it, its min band, URL or attempts',
    'send nothing to it from now on (queued notifications to it end dead)',
  )
    .option('--min-band <band>', notificationMinBands.join(' | '), parseNotificationMinBand)
    .option('--url <url>', 'a new URL (a webhook keeps its signing secret)', parseUrl)
    .option('--max-attempts <n>', 'attempts for notifications queued from now on', parseAttempts)
    .action(
      async (
        name: string,
        options: OnOffOptions & {
          minBand?: NotificationMinBand;
          url?: string;
          maxAttempts?: number;
        },
      ) => {
        const enabled = enabledChange(options);
        if (enabled === null) return;
        if (!options.enable && !options.disable && !options.minBand && !options.url && !options.maxAttempts)
          return usage('nothing to change: give --enable, --disable, --min-band, --url or --max-attempts');
        const updated = await withServices((services) =>
          services.notifications.endpoints.update(name, {
            enabled,
            minBand: options.minBand,
            url: options.url,
            maxAttempts: options.maxAttempts,
          }),
        ).catch(refusedAsUsage);
        if (updated === undefined) return;
        if (!updated) return usage(`No notification endpoint named "${name}"`);
        process.stdout.write(`${describeEndpoint(updated)}\n`);
      },
    );
  endpoints
    .command('test')
    .description(
      'send a test event to an endpoint now (logged in GET /api/v1/notification-deliveries); exit 1 when it is not accepted',
    )
    .argument('<name>')
    .action(async (name: string) => {
      const outcome = await withServices((services, { logger }) => createNotifier(services, logger).sendTest(name));
      if (!outcome) return usage(`No notification endpoint named "${name}"`);
      const { delivery, result } = outcome;
      if (result.ok) {
        process.stdout.write(`sent\t${result.status}\t${delivery.id}\n`);
        return;
      }
      process.stdout.write(`failed\t${result.status ?? '-'}\t${delivery.id}\n`);
      process.stderr.write(
        `Error: the test notification was not accepted: ${result.error}${result.isGone ? ' (410 Gone: a real notification would disable this endpoint)' : ''}\n`,
      );
      process.exitCode = 1;
    });
  endpoints
    .command('reseal')
    .description(
      're-encrypt every endpoint secret under SECRETS_KEY (after a rotation; SECRETS_KEY_PREVIOUS must hold the old key)',
    )
    .action(async () => {
      const count = await withServices((services) => services.notifications.endpoints.reseal());
      process.stdout.write(`${count} endpoint(s) re-encrypted\n`);
    });
}
