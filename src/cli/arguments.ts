// Option parsers and exits the CLI's command groups share: a bad value is a usage error (exit 2) naming what is allowed.
import os from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../errors';

/** A parser for an option that takes one of `choices`. */
export function oneOf<const T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of ${choices.join(', ')}`);
    return value as T;
  };
}

/** A name for a configured thing (a webhook source, a notification endpoint). */
export function parseName(value: string): string {
  const name = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/.test(name))
    throw new InvalidArgumentError('must be 1-80 letters, digits, spaces, ".", "_" or "-"');
  return name;
}

/** `create` for a named thing of one kind among `choices` (`--<option> <option>`), with its unique `--name`. */
export function createNamedCommand<const T extends string>(
  group: Command,
  description: string,
  option: string,
  choices: readonly T[],
): Command {
  return group
    .command('create')
    .description(description)
    .requiredOption(`--${option} <${option}>`, choices.join(' | '), oneOf(choices))
    .requiredOption('--name <name>', 'a name of your choice, unique', parseName);
}

/** `update <name>` for a thing that can be switched off; `disabling` says what --disable does. */
export function updateNamedCommand(group: Command, description: string, disabling: string): Command {
  return group
    .command('update')
    .description(description)
    .argument('<name>')
    .option('--enable')
    .option('--disable', disabling);
}

/** `list`: one line per item, as `describe` writes it. */
export function listCommand<T>(
  group: Command,
  description: string,
  list: () => Promise<T[]>,
  describe: (item: T) => string,
): Command {
  return group
    .command('list')
    .description(description)
    .action(async () => {
      for (const item of await list()) process.stdout.write(`${describe(item)}\n`);
    });
}

/** What `update` commands' --enable and --disable give. */
export interface OnOffOptions {
  enable?: boolean;
  disable?: boolean;
}

/** --enable / --disable as the change to make (undefined: neither); both is bad usage, reported, and null. */
export function enabledChange(options: OnOffOptions): boolean | undefined | null {
  if (options.enable && options.disable) {
    usage('--enable and --disable exclude each other');
    return null;
  }
  return options.enable ? true : options.disable ? false : undefined;
}

/** The option a service's field path stands for: `apiBaseUrl` is `--api-base-url`. */
export const optionFlag = (path: string): string =>
  `--${path.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** A catch for a service call: fields it refused are bad usage on one line (exit 2), and undefined; else it fails. */
export function refusedAsUsage(error: unknown): undefined {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
  usage(
    `${error.message}: ${(error.details?.fields ?? []).map((field) => `${optionFlag(field.path)} ${field.message}`).join('; ')}`,
  );
  return undefined;
}

// A usage problem found inside an action (commander prints only those found while parsing): exit 2.
export function usage(message: string): void {
  process.stderr.write(`Error: ${message}\n`);
  process.exitCode = 2;
}

/** Who runs the command, as the audit trail names it. */
export const cliActor = (): string => `cli:${os.userInfo().username}`;

/**
 * Runs a command's work; a known refusal (a wrong field, a name taken, no such thing) is bad usage: its message, each
 * wrong field as `optionOf` names it when given, and exit 2. Anything else fails the command (exit 1).
 */
export async function refusalsAsUsage(work: () => Promise<void>, optionOf?: (path: string) => string): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AppError) || !['validation_failed', 'conflict', 'not_found'].includes(error.code))
      throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    if (optionOf)
      for (const field of error.details?.fields ?? [])
        process.stderr.write(`  ${optionOf(field.path)}: ${field.message}\n`);
    process.exitCode = 2;
  }
}
