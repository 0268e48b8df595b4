// Weights, caps and band thresholds: the one place they are defined. Change the version when they change.
import type { Band, Family } from './types';

export interface RuleSet {
  version: string;
  /** Highest points a family can add, so that weak signals of one kind never stack into a high band alone. */
  familyCaps: Record<Family, number>;
  /** Lowest score of each band above low. */
  thresholds: Record<Exclude<Band, 'low'>, number>;
  maxScore: number;
}

export const defaultRuleSet: RuleSet = {
  version: '2026.11.2',
  familyCaps: { identity: 35, location: 45, address: 30, payment: 40, communication: 30, documents: 25, sanctions: 100, links: 60 },
  thresholds: { medium: 20, high: 45, critical: 75 },
  maxScore: 100,
};
