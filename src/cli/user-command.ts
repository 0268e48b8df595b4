// `user create|list|reset-password|disable|enable`: web accounts, over the same UserService as the admin pages.
import type { Command } from 'commander';
import { roles, type Role } from '../auth/api-keys';
import type { User } from '../auth/users';
import { AppError } from '../errors';
import type { Services } from '../services';
import { cliActor, listCommand, oneOf, refusalsAsUsage } from './arguments';

/** `create` for an account or an API key: who it is for (`who`, required) and its required --role. */
export function createWithRole(group: Command, description: string, who: string, whoHelp: string): Command {
  return group
    .command('create')
    .description(description)
    .requiredOption(who, whoHelp)
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`, oneOf(roles));
}

type WithServices = <T>(run: (services: Services) => Promise<T>) => Promise<T>;

async function findByEmail(services: Services, email: string): Promise<User> {
  const user = (await services.web.users.list()).find((candidate) => candidate.email === email.trim().toLowerCase());
  if (!user) throw new AppError('not_found', `No user with e-mail ${email.trim().toLowerCase()}`);
  return user;
}

/** Adds `user` under the program (so that it inherits its error handling: bad usage exits 2). */
export function addUserCommands(program: Command, withServices: WithServices): void {
  const user = program.command('user').description('web accounts (recruiter, reviewer, admin)');
  createWithRole(
    user,
    'create an account and print a one-time password (the first sign-in must change it)',
    '--email <email>',
    'the e-mail address they sign in with',
  ).action((options: { email: string; role: Role }) =>
    refusalsAsUsage(async () => {
      const created = await withServices((services) =>
        services.web.users.create(options.email, options.role, cliActor()),
      );
      process.stdout.write(`${created.oneTimePassword}\n`);
      process.stderr.write(
        `User ${created.user.email} (${created.user.role}) created. The one-time password above is shown only this once; it must be changed at the first sign-in.\n`,
      );
    }),
  );
  listCommand(
    user,
    'list accounts (never passwords)',
    () => withServices((services) => services.web.users.list()),
    (row) => {
      const state = row.disabledAt ? 'disabled' : row.mustChangePassword ? 'must-change-password' : 'active';
      // Single sign-on accounts end with their name in the audit trail (oidc:<issuer>#<subject>).
      return `${row.email}\t${row.role}\t${state}\t${row.lastLoginAt ?? 'never signed in'}${row.externalId ? `\t${row.externalId}` : ''}`;
    },
  );
  user
    .command('reset-password')
    .description('print a new one-time password for an account and end its sessions')
    .requiredOption('--email <email>')
    .action((options: { email: string }) =>
      refusalsAsUsage(async () => {
        const result = await withServices(async (services) =>
          services.web.users.resetPassword((await findByEmail(services, options.email)).id),
        );
        process.stdout.write(`${result.oneTimePassword}\n`);
        process.stderr.write(`New one-time password for ${result.user.email}; their sessions were ended.\n`);
      }),
    );
  for (const [name, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(isDisabled ? 'disable an account and end its sessions' : 'enable a disabled account')
      .requiredOption('--email <email>')
      .action((options: { email: string }) =>
        refusalsAsUsage(async () => {
          const changed = await withServices(async (services) =>
            services.web.users.setDisabled((await findByEmail(services, options.email)).id, isDisabled),
          );
          process.stderr.write(`User ${changed.email} ${isDisabled ? 'disabled' : 'enabled'}\n`);
        }),
      );
  }
}
