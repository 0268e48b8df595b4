// Shapes shared by the indicator catalogue and the scoring engine (pure: no I/O anywhere in scoring/).
import type { Applicant } from '../applicants/applicant-schema';
import type { ScreeningContext } from '../intel/gather-context';

export const families = [
  'identity',
  'location',
  'address',
  'payment',
  'communication',
  'documents',
  'sanctions',
  'links',
] as const;
export type Family = (typeof families)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const bands = ['low', 'medium', 'high', 'critical'] as const;
export type Band = (typeof bands)[number];

/** The sanctions check beside the band: a name alone is a potential match, never a verdict (docs/sanctions.md). */
export const sanctionsStatuses = ['clear', 'potential_match', 'confirmed_match', 'cleared_by_comparison'] as const;
export type SanctionsStatus = (typeof sanctionsStatuses)[number];

export type Evidence = Record<string, unknown>;

export interface Observation {
  message: string;
  evidence: Evidence;
  /** Overrides the indicator's default severity/points when the evidence is stronger or weaker. */
  severity?: Severity;
  points?: number;
}

export interface Indicator {
  id: string;
  family: Family;
  severity: Severity;
  points: number;
  /** One line: document and date, e.g. "2022 IT Worker Advisory, red flags for employers". */
  source: string;
  recommendedAction: string;
  /** A decisive finding forces the critical band whatever the points. */
  isDecisive?: boolean;
  evaluate(applicant: Applicant, context: ScreeningContext): Observation | null;
}

export interface Finding {
  indicator: string;
  family: Family;
  severity: Severity;
  points: number;
  message: string;
  evidence: Evidence;
  source: string;
  recommendedAction: string;
}

export interface ScoreResult {
  score: number;
  band: Band;
  sanctionsStatus: SanctionsStatus;
  ruleSetVersion: string;
  findings: Finding[];
}
