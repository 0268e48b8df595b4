// CPU cost of one screening, phase by phase (issue 20), for the minimal and the rich applicant of bench:screening:
// parse and validate, context (geo, ASN, phone, e-mail), sanctions screening of every name field, link fingerprints
// and lookup, scoring, the write (case, screening, identifiers, audit chain and triggers) and response serialisation.
// Screenings run one at a time through the real ScreeningService, whose collaborators are wrapped with CPU timers,
// so each phase's process.cpuUsage() is its own. Prints numbers, asserts none.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseApplicant } from '../src/applicants/parse-applicant';
import type { Applicant } from '../src/applicants/applicant-schema';
import { redactFindingsForRecruiter } from '../src/cases/recruiter-view';
import { gatherContext, type ScreeningContext } from '../src/intel/gather-context';
import { screenSanctions } from '../src/intel/sanctions';
import type { Scorer } from '../src/screening/scorer';
import { createServices } from '../src/services';
import { PROFILES, profileFeed, type Profile } from './applicant-bodies';
import { boundedInteger, createBenchDatabase, teardown, teardownOnSignals, teardownSteps } from './bench-support';
import { startCpuCount } from './cpu-time';

const PHASES = [
  'parse and validate',
  'context (geo, ASN, phone, e-mail)',
  'sanctions (every name field)',
  'link fingerprints',
  'link lookup (SQL)',
  'scoring',
  'write (SQL, audit chain, triggers)',
  'response serialisation',
  'rest of the use case',
] as const;
type Phase = (typeof PHASES)[number];
type Services = ReturnType<typeof createServices>;

class PhaseClock {
  readonly micros = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));

  time<T>(phase: Phase, work: () => T): T {
    const started = process.cpuUsage();
    try {
      return work();
    } finally {
      this.add(phase, started);
    }
  }

  async timeAsync<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const started = process.cpuUsage();
    try {
      return await work();
    } finally {
      this.add(phase, started);
    }
  }

  add(phase: Phase, started: NodeJS.CpuUsage): void {
    const used = process.cpuUsage(started);
    this.micros.set(phase, this.micros.get(phase)! + used.user + used.system);
  }

  reset(): void {
    for (const phase of PHASES) this.micros.set(phase, 0);
  }
}

interface ServiceInternals {
  scorer: Scorer;
  links: Services['links'];
  store: { record: (...args: never[]) => Promise<unknown> };
}

/**
 * Wraps the ScreeningService's collaborators with the clock. The scorer's context is taken apart into its two calls
 * (gatherContext and screenSanctions, as createScorer makes them) so that sanctions get a line of their own.
 */
function instrument(services: Services, clock: PhaseClock): void {
  const internals = services.screening as unknown as ServiceInternals;
  const scorer = internals.scorer;
  internals.scorer = {
    ...scorer,
    context: (applicant: Applicant): ScreeningContext => {
      const gathered = clock.time('context (geo, ASN, phone, e-mail)', () =>
        gatherContext(applicant, { knownAddresses: services.knownAddresses.current() }),
      );
      return {
        ...gathered,
        sanctions: clock.time('sanctions (every name field)', () =>
          screenSanctions(applicant, () => services.sanctions.current()),
        ),
      };
    },
    scoreWith: (applicant, context) => clock.time('scoring', () => scorer.scoreWith(applicant, context)),
  };
  const links = internals.links;
  const fingerprints = links.fingerprints.bind(links);
  const linkContext = links.linkContext.bind(links);
  links.fingerprints = (...args) => clock.time('link fingerprints', () => fingerprints(...args));
  links.linkContext = (...args) => clock.timeAsync('link lookup (SQL)', () => linkContext(...args));
  const record = internals.store.record.bind(internals.store);
  internals.store.record = (...args) => clock.timeAsync('write (SQL, audit chain, triggers)', () => record(...args));
}

async function screenOne(services: Services, clock: PhaseClock, body: string): Promise<void> {
  const applicant = clock.time('parse and validate', () => parseApplicant(JSON.parse(body)));
  const started = process.cpuUsage();
  const before = [...clock.micros.values()].reduce((sum, value) => sum + value, 0);
  const outcome = await services.screening.screen(applicant, { actor: 'bench:cpu', mayAppendToAnyCase: false });
  const used = process.cpuUsage(started);
  const inPhases = [...clock.micros.values()].reduce((sum, value) => sum + value, 0) - before;
  clock.micros.set(
    'rest of the use case',
    clock.micros.get('rest of the use case')! + Math.max(0, used.user + used.system - inPhases),
  );
  // What the route sends a recruiter: the findings redacted, then express's res.json.
  clock.time('response serialisation', () =>
    JSON.stringify({ ...outcome.body, findings: redactFindingsForRecruiter(outcome.body.findings) }),
  );
}

async function measureProfile(
  services: Services,
  clock: PhaseClock,
  profile: Profile,
  count: number,
  warmUp: number,
  databaseUrl: string,
): Promise<void> {
  const feed = profileFeed(profile, `cpu-${profile}`, profile === 'minimal' ? 0 : 500_000);
  // Warm-up: JIT (thousands of rich applicants before validation settles), the pool, PostgreSQL's caches and plans.
  for (let n = 0; n < warmUp; n++) await screenOne(services, clock, feed());
  clock.reset();
  const stopCount = startCpuCount(process.pid, databaseUrl);
  const started = process.hrtime.bigint();
  for (let n = 0; n < count; n++) await screenOne(services, clock, feed());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = await stopCount();
  const perScreening = (micros: number) => (micros / 1000 / count).toFixed(3);
  const total = [...clock.micros.values()].reduce((sum, value) => sum + value, 0);
  console.log(
    `\n${profile}: ${count} screenings one at a time, ${(count / seconds).toFixed(0)}/s (load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')})`,
  );
  console.log(`  ${'phase'.padEnd(36)} ${'CPU ms'.padStart(8)} ${'share'.padStart(6)}`);
  for (const phase of PHASES) {
    const micros = clock.micros.get(phase)!;
    console.log(
      `  ${phase.padEnd(36)} ${perScreening(micros).padStart(8)} ${`${((100 * micros) / total).toFixed(0)}%`.padStart(6)}`,
    );
  }
  console.log(`  ${'all phases (this process)'.padEnd(36)} ${perScreening(total).padStart(8)}`);
  console.log(
    `  process CPU (/proc, incl. GC and the pg driver between phases) ${perScreening(cpu.server * 1e6)} ms; PostgreSQL backends ${perScreening(cpu.database * 1e6)} ms`,
  );
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const count = boundedInteger('BENCH_SCREENINGS', 1000, 100, 1_000_000);
  const warmUp = boundedInteger('BENCH_WARM_UP', 2000, 0, 1_000_000);
  const profiles = (process.env.BENCH_PROFILES ?? PROFILES.join(',')).split(',') as Profile[];
  teardownOnSignals();
  try {
    const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_cpu');
    const services = createServices(databaseUrl, { poolMax: 2, links: { key: crypto.randomBytes(32) } });
    teardownSteps.push(() => services.close());
    await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
    const clock = new PhaseClock();
    instrument(services, clock);
    for (const profile of profiles) await measureProfile(services, clock, profile, count, warmUp, databaseUrl);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
