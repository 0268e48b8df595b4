// CPU and allocation of one applicant's sanctions screening (screenSanctions over every name field), for the rich
// profile of bench:screening: against the built-in list (what the service uses until a list is imported) and, with
// BENCH_OFAC=1, the full OFAC lists. Prints µs per call, bytes allocated per call and a digest of every result, so
// that two versions of the code can be shown to answer the same. Run with --expose-gc --min-semi-space-size=16 for
// the allocation figure.
import crypto from 'node:crypto';
import path from 'node:path';
import { parseApplicant } from '../src/applicants/parse-applicant';
import type { Applicant } from '../src/applicants/applicant-schema';
import { builtInSanctionsSource, screenSanctions, type SanctionsSource } from '../src/intel/sanctions';
import { loadOfacDirectories } from '../src/sanctions/load-ofac';
import { SanctionsIndex } from '../src/sanctions/sanctions-index';
import { profileBody, withExternalId, type Profile } from './applicant-bodies';
import { FULL_OFAC_DIRECTORIES } from '../test/support/shared-data';

const ofacData = process.env.OFAC_DATA ?? path.resolve(__dirname, '..', '..', 'shared', 'data', 'ofac');
const directories = FULL_OFAC_DIRECTORIES;
const PROFILE = (process.env.BENCH_PROFILE ?? 'rich') as Profile;
const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 500);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3000);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function applicants(): Applicant[] {
  return Array.from({ length: APPLICANTS }, (_, n) =>
    parseApplicant(JSON.parse(withExternalId(profileBody(PROFILE, n), `bench-${n}`))),
  );
}

function digest(people: Applicant[], source: SanctionsSource): string {
  const hash = crypto.createHash('sha256');
  for (const person of people) hash.update(JSON.stringify(screenSanctions(person, source).matches));
  return hash.digest('hex').slice(0, 16);
}

function cpuMicrosPerCall(people: Applicant[], source: SanctionsSource): number {
  const started = process.cpuUsage();
  for (let i = 0; i < CALLS; i += 1) screenSanctions(people[i % people.length]!, source);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / CALLS;
}

// Heap growth over calls made just after a full collection: with a young generation larger than what they allocate
// (--min-semi-space-size=16), nothing is collected in between, so the growth is what they allocated.
function bytesPerCall(people: Applicant[], source: SanctionsSource): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const calls = 100;
  let grown = 0;
  for (let from = 0; from < people.length; from += calls) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = from; i < from + calls; i += 1) screenSanctions(people[i % people.length]!, source);
    grown += process.memoryUsage().heapUsed - before;
  }
  gc();
  return grown / Math.ceil(people.length / calls) / calls;
}

function measure(label: string, people: Applicant[], source: SanctionsSource): void {
  for (let i = 0; i < WARM_UP; i += 1) screenSanctions(people[i % people.length]!, source);
  const rounds = Array.from({ length: ROUNDS }, () => cpuMicrosPerCall(people, source));
  const sorted = [...rounds].sort((a, b) => a - b);
  const bytes = bytesPerCall(people, source);
  const matches = people.reduce((sum, person) => sum + screenSanctions(person, source).matches.length, 0);
  console.log(
    `${label}: ${rounds.map((value) => value.toFixed(1)).join(', ')} µs per call (median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(1)}, min ${sorted[0]!.toFixed(1)})` +
      `${bytes == null ? '' : `; ${(bytes / 1024).toFixed(1)} KiB allocated per call`}; ${matches} matches, digest ${digest(people, source)}`,
  );
}

function main(): void {
  const people = applicants();
  console.log(`${PROFILE} profile, ${people.length} applicants, ${WARM_UP} warm-up calls, ${ROUNDS} x ${CALLS} calls`);
  measure('built-in list', people, builtInSanctionsSource());
  if (process.env.BENCH_OFAC === '1') {
    const entries = loadOfacDirectories(directories.map((directory) => path.join(ofacData, directory))).entries;
    const index = SanctionsIndex.build(entries);
    const version = { id: 'bench', isBuiltIn: false, entryCount: entries.length };
    measure(`full OFAC lists (${entries.length} entries)`, people, () => ({ index, version }));
  }
}

main();
