// Pure scoring throughput on one core: validation, every context lookup (geoip, ASN, phone, e-mail, sanctions) and scoring.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseApplicant } from '../src/applicants/parse-applicant';
import type { SanctionsSource } from '../src/intel/sanctions';
import { loadOfacDirectories } from '../src/sanctions/load-ofac';
import { SanctionsIndex } from '../src/sanctions/sanctions-index';
import { createScorer } from '../src/screening/scorer';
import { fraudScenarios } from '../test/scenarios/fraud-scenarios';
import { legitimateScenarios } from '../test/scenarios/legitimate-scenarios';

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 10) * 1000;
const ips = [
  '24.24.24.24',
  '36.110.0.1',
  '95.165.0.1',
  '81.2.69.142',
  '202.137.128.1',
  '185.65.135.1',
  '3.5.140.1',
  '73.0.0.1',
  '110.35.64.1',
  '2a07:b944::2:1',
];

// Varied inputs: every scenario, each with sessions rotated through IPs of many networks and countries.
function variedInputs(): unknown[] {
  const scenarios = [...fraudScenarios, ...legitimateScenarios];
  const inputs: unknown[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const base = structuredClone(scenarios[i % scenarios.length]!.applicant) as Record<string, any>;
    base.externalId = `bench-${i}`;
    base.sessions = Array.from({ length: 1 + (i % 4) }, (_, j) => ({
      ip: ips[(i + j) % ips.length],
      at: `2026-11-${String(1 + j).padStart(2, '0')}T${String((i + j) % 24).padStart(2, '0')}:00:00Z`,
      kind: 'interview',
    }));
    inputs.push(base);
  }
  return inputs;
}

// The full OFAC list as the service holds it after `sanctions import` (read from ../shared/data when present).
function fullListSource(): SanctionsSource | null {
  const dataDir = path.resolve(__dirname, '..', '..', 'shared', 'data', 'ofac');
  if (!fs.existsSync(dataDir)) return null;
  const dirs = [
    'sdn-2024-05-03_jackdwyer',
    'tfidf-2025-12-24_moov-watchman',
    'sdn-2026-04-23_excerpt_Sentinel-RAG',
    'cons_moov-watchman',
  ].map((dir) => path.join(dataDir, dir));
  const { entries } = loadOfacDirectories(dirs);
  const index = SanctionsIndex.build(entries);
  return () => ({ index, version: { id: 'bench', isBuiltIn: false, entryCount: entries.length } });
}

function main(): void {
  const label =
    process.env.BENCH_SANCTIONS === 'none'
      ? 'no sanctions screening'
      : 'every name screened against the full OFAC list';
  const sanctions = process.env.BENCH_SANCTIONS === 'none' ? null : fullListSource();
  const started = process.hrtime.bigint();
  const scorer = createScorer({}, sanctions ?? undefined);
  const setupMs = Number(process.hrtime.bigint() - started) / 1e6;
  const inputs = variedInputs();
  // Warm-up so the JIT has compiled the hot paths.
  for (const input of inputs) scorer.score(parseApplicant(input));

  let count = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + DURATION_MS;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    scorer.score(parseApplicant(inputs[count % inputs.length]));
    latencies.push(performance.now() - t0);
    count += 1;
  }
  latencies.sort((a, b) => a - b);
  const seconds = DURATION_MS / 1000;
  const perSecond = count / seconds;
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  console.log(
    `machine: ${os.cpus()[0]?.model} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  console.log(`setup (rule set + ASN tables, geoip already loaded at import): ${setupMs.toFixed(0)} ms`);
  console.log(`scored ${count} applicants in ${seconds} s on one core: ${perSecond.toFixed(0)} applicants/s`);
  console.log(
    `sanctions: ${sanctions ? label : 'no sanctions screening (BENCH_SANCTIONS=none, or ../shared/data/ofac missing)'}`,
  );
  console.log(
    `per applicant (validate + context + score): p50 ${(pct(0.5) * 1000).toFixed(0)} µs, p99 ${(pct(0.99) * 1000).toFixed(0)} µs`,
  );
  console.log(`target: >= 5000 applicants/s -> ${perSecond >= 5000 ? 'PASS' : 'MISS'}`);
}

main();
