// `score FILE`: scores applicants from a JSON object, a JSON array or JSON lines; one JSON result per line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { parseApplicant } from '../applicants/parse-applicant';
import { loadConfig } from '../config';
import { AppError } from '../errors';
import { builtInSanctionsSource } from '../intel/sanctions';
import type { ScreeningService } from '../screening/screen-applicant';
import { createScorer, type Scorer } from '../screening/scorer';
import type { Services } from '../services';
import { cliActor } from './arguments';

type WithServices = <T>(run: (services: Services) => Promise<T>) => Promise<T>;

export interface InputRecord {
  record: number;
  line?: number;
  value?: unknown;
  problem?: string;
}

/** Splits input into records, keeping going past a record that is not JSON. */
export function readRecords(text: string): InputRecord[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !trimmed.includes('\n'))) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      return (Array.isArray(parsed) ? parsed : [parsed]).map((value, index) => ({ record: index + 1, value }));
    } catch (error) {
      if (trimmed.startsWith('['))
        return [{ record: 1, problem: `the file is not valid JSON (${(error as Error).message})` }];
    }
  }
  try {
    // A single pretty-printed object spans several lines.
    const parsed = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(parsed)) return [{ record: 1, value: parsed }];
  } catch {
    // Not one JSON document: JSON lines.
  }
  const records: InputRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const record = records.length + 1;
    try {
      records.push({ record, line: index + 1, value: JSON.parse(line) as unknown });
    } catch (error) {
      records.push({ record, line: index + 1, problem: `not valid JSON (${(error as Error).message})` });
    }
  });
  return records;
}

export function readInput(file: string): string {
  return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
}

export interface ScoreOutcome {
  scored: number;
  rejected: number;
}

const SKIPPED_WITHOUT_DATABASE = [
  { family: 'links', reason: 'cross-applicant links need the case database: run with --save' },
  {
    family: 'sanctions',
    reason:
      'screened against the built-in DPRK IT-worker list only; the imported OFAC list is in the database: run with --save',
  },
];

export async function scoreRecords(
  records: InputRecord[],
  target: { scorer: Scorer } | { service: ScreeningService; actor: string },
  write: { out(line: string): void; err(line: string): void },
): Promise<ScoreOutcome> {
  const outcome: ScoreOutcome = { scored: 0, rejected: 0 };
  for (const input of records) {
    const where = `record ${input.record}${input.line ? ` (line ${input.line})` : ''}`;
    if (input.problem) {
      write.err(`${where}: ${input.problem}`);
      outcome.rejected += 1;
      continue;
    }
    try {
      const applicant = parseApplicant(input.value);
      if ('scorer' in target) {
        write.out(
          JSON.stringify({
            record: input.record,
            ...target.scorer.score(applicant),
            skipped: SKIPPED_WITHOUT_DATABASE,
          }),
        );
      } else {
        const saved = await target.service.screen(applicant, { actor: target.actor, mayAppendToAnyCase: true });
        write.out(JSON.stringify({ record: input.record, ...saved.body }));
      }
      outcome.scored += 1;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      for (const field of error.details?.fields ?? []) write.err(`${where}: ${field.path}: ${field.message}`);
      outcome.rejected += 1;
    }
  }
  return outcome;
}

export function addScoreCommand(program: Command, withServices: WithServices): void {
  program
    .command('score')
    .description(
      'score applicants from FILE (a JSON object, a JSON array or JSON lines; - for stdin); one JSON result per line',
    )
    .argument('<file>')
    .option('--save', 'store each screening as the API does (needs the database)')
    .action(async (file: string, options: { save?: boolean }) => {
      let text: string;
      try {
        text = readInput(file);
      } catch (error) {
        process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const records = readRecords(text);
      const write = {
        out: (line: string) => process.stdout.write(`${line}\n`),
        err: (line: string) => process.stderr.write(`${line}\n`),
      };
      const outcome = options.save
        ? await withServices(async (services) => {
            await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
            return scoreRecords(records, { service: services.screening, actor: cliActor() }, write);
          })
        : await scoreRecords(records, { scorer: createScorer(loadConfig().scoring, builtInSanctionsSource()) }, write);
      process.stderr.write(`${outcome.scored} scored, ${outcome.rejected} rejected\n`);
      if (outcome.rejected > 0) process.exitCode = 2;
    });
}
