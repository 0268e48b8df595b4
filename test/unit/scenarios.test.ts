// The labelled scenario suite: recall on fraud scenarios, false positives on legitimate ones.
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { builtInSanctionsSource } from '../../src/intel/sanctions';
import { createScorer } from '../../src/screening/scorer';
import { fraudScenarios } from '../scenarios/fraud-scenarios';
import { legitimateScenarios } from '../scenarios/legitimate-scenarios';

// With the built-in sanctions list, as a service with no OFAC import would screen.
const scorer = createScorer({}, builtInSanctionsSource());
const now = new Date('2026-11-20T12:00:00Z');
const isFlagged = (band: string) => band === 'high' || band === 'critical';

function run(scenarios: typeof fraudScenarios) {
  return scenarios.map((scenario) => {
    const result = scorer.score(parseApplicant(scenario.applicant), now);
    return {
      name: scenario.name,
      score: result.score,
      band: result.band,
      indicators: result.findings.map((f) => f.indicator),
    };
  });
}

describe('labelled scenarios', () => {
  const fraud = run(fraudScenarios);
  const legitimate = run(legitimateScenarios);

  afterAll(() => {
    const recall = fraud.filter((r) => isFlagged(r.band)).length / fraud.length;
    const falsePositiveRate = legitimate.filter((r) => isFlagged(r.band)).length / legitimate.length;
    console.log(
      [
        `fraud scenarios: ${fraud.length}, flagged high or critical: ${fraud.filter((r) => isFlagged(r.band)).length} (recall ${(recall * 100).toFixed(0)}%)`,
        `legitimate scenarios: ${legitimate.length}, flagged high or critical: ${legitimate.filter((r) => isFlagged(r.band)).length} (false-positive rate ${(falsePositiveRate * 100).toFixed(0)}%)`,
        ...[...fraud.map((r) => ['fraud', r] as const), ...legitimate.map((r) => ['legit', r] as const)].map(
          ([label, r]) =>
            `  ${label.padEnd(5)} ${String(r.score).padStart(3)} ${r.band.padEnd(8)} ${r.name} [${r.indicators.join(', ')}]`,
        ),
      ].join('\n'),
    );
  });

  it.each(fraudScenarios.map((s, i) => [s.name, i] as const))(
    'flags the fraud scenario "%s" high or critical',
    (_name, index) => {
      expect(fraud[index]!.band).toMatch(/^(high|critical)$/);
    },
  );

  it.each(legitimateScenarios.map((s, i) => [s.name, i] as const))(
    'keeps the legitimate scenario "%s" below high',
    (_name, index) => {
      expect(legitimate[index]!.band).toMatch(/^(low|medium)$/);
    },
  );
});
