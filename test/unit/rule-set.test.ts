import { loadConfig } from '../../src/config';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { catalogue } from '../../src/scoring/catalogue';
import { buildRuleSet, defaultRuleSet, DEFAULT_RULE_SET_VERSION } from '../../src/scoring/rule-set';
import { createScorer } from '../../src/screening/scorer';
import { riskyApplicant } from '../support/applicants';

const ids = catalogue.map((indicator) => indicator.id);

describe('rule set configuration', () => {
  it('is the default rule set without overrides', () => {
    expect(buildRuleSet(undefined, ids)).toBe(defaultRuleSet);
    expect(buildRuleSet({}, ids)).toBe(defaultRuleSet);
  });

  it('applies points, caps and thresholds and names the result in its version', () => {
    const ruleSet = buildRuleSet(
      { points: { pay_crypto: 30 }, familyCaps: { payment: 60 }, thresholds: { high: 50 } },
      ids,
    );
    expect(ruleSet.version).toMatch(
      new RegExp(`^${DEFAULT_RULE_SET_VERSION.replace(/\./g, '\\.')}\\+custom\\.[0-9a-f]{8}$`),
    );
    expect(ruleSet.familyCaps.payment).toBe(60);
    expect(ruleSet.thresholds).toEqual({ medium: 20, high: 50, critical: 75 });
    const scorer = createScorer({ overrides: { points: { pay_crypto: 30 }, familyCaps: { payment: 60 } } });
    const result = scorer.score(parseApplicant(riskyApplicant()));
    expect(result.findings.find((f) => f.indicator === 'pay_crypto')!.points).toBe(30);
    expect(result.ruleSetVersion).toBe(scorer.ruleSet.version);
  });

  it('refuses unknown indicators and thresholds out of order', () => {
    expect(() => buildRuleSet({ points: { no_such_indicator: 5 } }, ids)).toThrow(/no_such_indicator/);
    expect(() => buildRuleSet({ thresholds: { high: 90 } }, ids)).toThrow(/medium < high < critical/);
  });

  it('is read from SCORING_RULES as JSON, and a bad value names the variable', () => {
    expect(loadConfig({ SCORING_RULES: '{"thresholds":{"high":50}}' }).scoring.overrides).toEqual({
      thresholds: { high: 50 },
    });
    expect(() => loadConfig({ SCORING_RULES: '{not json' })).toThrow(/SCORING_RULES: must be JSON/);
    expect(() => loadConfig({ SCORING_RULES: '{"weights":{}}' })).toThrow(/SCORING_RULES/);
    expect(() => loadConfig({ CORPORATE_EGRESS_CIDRS: '10.0.0.0/33' })).toThrow(/CORPORATE_EGRESS_CIDRS: not a CIDR/);
    expect(loadConfig({ CORPORATE_EGRESS_CIDRS: '10.0.0.0/8, 2001:db8::/32' }).scoring.corporateEgressCidrs).toBe(
      '10.0.0.0/8, 2001:db8::/32',
    );
  });
});
