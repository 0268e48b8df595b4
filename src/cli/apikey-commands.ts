// `apikey create|list|revoke`: API keys, over the same ApiKeyService as the admin pages.
import { InvalidArgumentError, type Command } from 'commander';
import type { Role } from '../auth/api-keys';
import type { Services } from '../services';
import { reportInstanceWait } from './instance-wait';
import { listCommand } from './arguments';
import { createWithRole } from './user-command';

type WithServices = <T>(run: (services: Services) => Promise<T>) => Promise<T>;

export function addApiKeyCommands(program: Command, withServices: WithServices): void {
  const apikey = program.command('apikey').description('manage API keys');
  createWithRole(apikey, 'create an API key and print it once', '--name <name>', 'who or what uses the key').action(
    async (options: { name: string; role: Role }) => {
      if (!options.name.trim()) throw new InvalidArgumentError('--name must not be empty');
      const created = await withServices((services) => services.apiKeys.create(options.name.trim(), options.role));
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(
        `API key ${created.prefix} (${options.role}) created for "${options.name.trim()}". It is shown only this once.\n`,
      );
    },
  );
  listCommand(
    apikey,
    'list API keys (never their secrets)',
    () => withServices((services) => services.apiKeys.list()),
    (key) =>
      `${key.prefix}\t${key.role}\t${key.revokedAt ? 'revoked' : 'active'}\t${key.lastUsedAt?.toISOString() ?? 'never used'}\t${key.name}`,
  );
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
        await reportInstanceWait(services.instances, 'api_keys', 'the revocation');
      });
    });
}
