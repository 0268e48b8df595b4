// Weights, caps and band thresholds: defaults here, overrides from configuration. The version names exactly what scored.
import crypto from 'node:crypto';
import { z } from 'zod';
import { families, type Band, type Family } from './types';

export interface RuleSet {
  version: string;
  /** Highest points a family can add, so that weak signals of one kind never stack into a high band alone. */
  familyCaps: Record<Family, number>;
  /** Lowest score of each band above low. */
  thresholds: Record<Exclude<Band, 'low'>, number>;
  /** Replaces an indicator's default points (stronger or weaker evidence of it scales with it). */
  points: Record<string, number>;
  maxScore: number;
}

export const DEFAULT_RULE_SET_VERSION = '2026.12.1';

export const defaultRuleSet: RuleSet = {
  version: DEFAULT_RULE_SET_VERSION,
  familyCaps: {
    identity: 35,
    location: 45,
    address: 30,
    payment: 40,
    communication: 30,
    documents: 25,
    sanctions: 100,
    links: 60,
  },
  thresholds: { medium: 20, high: 45, critical: 75 },
  points: {},
  maxScore: 100,
};

const score = z.number().int().min(0).max(100);

export const ruleSetOverridesSchema = z.strictObject({
  points: z.record(z.string(), score).optional(),
  familyCaps: z.partialRecord(z.enum(families), score).optional(),
  thresholds: z.strictObject({ medium: score, high: score, critical: score }).partial().optional(),
});

export type RuleSetOverrides = z.infer<typeof ruleSetOverridesSchema>;

/**
 * The default rule set with overrides applied. Unknown indicator ids and thresholds out of order are errors;
 * the version gains a digest of the overrides so every stored screening says which rules scored it.
 */
export function buildRuleSet(overrides: RuleSetOverrides | undefined, knownIndicators: readonly string[]): RuleSet {
  if (!overrides || Object.keys(overrides).length === 0) return defaultRuleSet;
  const unknown = Object.keys(overrides.points ?? {}).filter((id) => !knownIndicators.includes(id));
  if (unknown.length > 0) throw new Error(`unknown indicator id(s) in scoring overrides: ${unknown.join(', ')}`);
  const thresholds = { ...defaultRuleSet.thresholds, ...overrides.thresholds };
  if (!(thresholds.medium < thresholds.high && thresholds.high < thresholds.critical)) {
    throw new Error('scoring thresholds must rise: medium < high < critical');
  }
  const digest = crypto.createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 8);
  return {
    version: `${DEFAULT_RULE_SET_VERSION}+custom.${digest}`,
    familyCaps: { ...defaultRuleSet.familyCaps, ...overrides.familyCaps },
    thresholds,
    points: { ...overrides.points },
    maxScore: defaultRuleSet.maxScore,
  };
}
