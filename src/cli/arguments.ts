// Option parsers and exits the CLI's command groups share: a bad value is a usage error (exit 2) naming what is allowed.
import os from 'node:os';
import { InvalidArgumentError } from 'commander';
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
