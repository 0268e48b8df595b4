// CPU per request body of each validation step (nesting check, JSON.parse, the applicant contract), on one core.
import os from 'node:os';
import { applicantSchema, compiledApplicantSchema } from '../src/applicants/applicant-schema';
import { parseApplicant } from '../src/applicants/parse-applicant';
import { rejectDeepJson } from '../src/http/json-depth';
import { PROFILES, profileBody, withExternalId } from './applicant-bodies';

const BODIES = 500;
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** CPU microseconds per call (user + system), cycling over the bodies; the best of ROUNDS, as noise only adds. */
function microsecondsPerCall(call: (index: number) => unknown): number {
  for (let i = 0; i < WARM_UP; i++) call(i % BODIES);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) call(i % BODIES);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / CALLS);
  }
  return best;
}

function refused(input: unknown): void {
  try {
    parseApplicant(input);
  } catch {
    return;
  }
  throw new Error('expected the applicant to be refused');
}

function main(): void {
  const verify = rejectDeepJson();
  console.log(
    `µs of CPU per body, best of ${ROUNDS} x ${CALLS} calls over ${BODIES} bodies (load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')})`,
  );
  for (const profile of PROFILES) {
    const texts = Array.from({ length: BODIES }, (_, n) => withExternalId(profileBody(profile, n), `bench-${n}`));
    const buffers = texts.map((text) => Buffer.from(text));
    const bodies = texts.map((text) => JSON.parse(text) as Record<string, unknown>);
    const withUnknownKey = bodies.map((body) => ({ ...body, nationality: 'KP' }));
    const steps: [string, (index: number) => unknown][] = [
      ['nesting check (express.json verify)', (i) => verify({} as never, {} as never, buffers[i]!, 'utf-8')],
      ['JSON.parse', (i) => JSON.parse(texts[i]!)],
      ['parseApplicant', (i) => parseApplicant(bodies[i])],
      ['  contract, compiled', (i) => compiledApplicantSchema.safeParse(bodies[i], { reportInput: true })],
      ['  contract, interpreted', (i) => applicantSchema.safeParse(bodies[i], { reportInput: true })],
      ['parseApplicant, refused (unknown key)', (i) => refused(withUnknownKey[i])],
      [
        'all three on the raw body',
        (i) => {
          verify({} as never, {} as never, buffers[i]!, 'utf-8');
          return parseApplicant(JSON.parse(texts[i]!));
        },
      ],
    ];
    const size = Math.round(texts.reduce((sum, text) => sum + text.length, 0) / BODIES);
    console.log(`\n${profile} (${size} bytes)`);
    for (const [label, call] of steps)
      console.log(`  ${label.padEnd(40)} ${microsecondsPerCall(call).toFixed(2).padStart(7)}`);
  }
}

main();
