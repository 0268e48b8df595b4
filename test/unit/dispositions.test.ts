import { applyDispositions, findingSubjects, withoutReview, type Disposition } from '../../src/scoring/dispositions';
import { defaultRuleSet } from '../../src/scoring/rule-set';
import { summarise } from '../../src/scoring/score-applicant';
import type { Finding, ScoreResult } from '../../src/scoring/types';

const finding = (
  indicator: string,
  family: Finding['family'],
  points: number,
  evidence: Record<string, unknown> = {},
): Finding => ({
  indicator,
  family,
  severity: 'high',
  points,
  message: `${indicator} seen`,
  evidence,
  source: 'test',
  recommendedAction: 'check',
});

const sdnHit = (...uids: string[]) =>
  finding('sanc_sdn_name', 'sanctions', 100, { matches: uids.map((uid) => ({ uid, entryName: `Entry ${uid}` })) });
const phoneLink = (...caseIds: string[]) =>
  finding('x_shared_phone_or_email', 'links', 30, {
    kinds: ['phone'],
    linkedCases: caseIds.map((caseId) => ({ caseId, subjectName: 'Other' })),
  });
const voip = finding('id_voip_phone', 'identity', 15);

function mark(
  indicator: string,
  subject: string | null,
  disposition: Disposition['disposition'],
  at = '2026-11-23T10:00:00.000Z',
): Disposition {
  return { indicator, subject, disposition, reason: 'DOB and nationality differ', actor: 'user:alice', createdAt: at };
}

function scored(findings: Finding[], isDecisive: boolean): ScoreResult {
  return summarise(findings, defaultRuleSet, isDecisive);
}

describe('applyDispositions', () => {
  it('leaves the result untouched (the same object) when the case has no dispositions', () => {
    const result = scored([voip], false);
    expect(applyDispositions(result, [], defaultRuleSet)).toBe(result);
  });

  it('stops a decisive sanctions hit marked false positive from forcing critical: 0 points, the note kept with the finding', () => {
    const result = scored([sdnHit('306'), voip], true);
    expect(result.band).toBe('critical');
    const after = applyDispositions(result, [mark('sanc_sdn_name', '306', 'false_positive')], defaultRuleSet);
    expect(after).toMatchObject({ score: 15, band: 'low', ruleSetVersion: result.ruleSetVersion });
    const sdn = after.findings.find((f) => f.indicator === 'sanc_sdn_name')!;
    expect(sdn.points).toBe(0);
    expect(sdn.message).toContain('marked false positive on 2026-11-23');
    expect(sdn.evidence.review).toMatchObject({
      originalPoints: 100,
      outcome: 'false_positive',
      marks: [
        {
          subject: '306',
          disposition: 'false_positive',
          note: 'marked false positive by user:alice on 2026-11-23: DOB and nationality differ',
        },
      ],
    });
  });

  it('keeps a decisive finding critical while one of its listed entries is not marked (a new hit counts again)', () => {
    const after = applyDispositions(
      scored([sdnHit('306', '9647')], true),
      [mark('sanc_sdn_name', '306', 'false_positive')],
      defaultRuleSet,
    );
    expect(after.band).toBe('critical');
    expect(after.findings[0]).toMatchObject({ points: 100, evidence: { review: { outcome: 'partly' } } });
  });

  it('keeps the points of a confirmed finding and notes who confirmed it', () => {
    const after = applyDispositions(
      scored([voip], false),
      [mark('id_voip_phone', null, 'confirmed_by_check')],
      defaultRuleSet,
    );
    expect(after).toMatchObject({ score: 15, band: 'low' });
    expect(after.findings[0]!.message).toBe('id_voip_phone seen (confirmed by a check on 2026-11-23)');
  });

  it('clears a whole finding judged by a passed check and recomputes score and band', () => {
    const after = applyDispositions(
      scored([phoneLink('c1'), voip], false),
      [mark('id_voip_phone', null, 'cleared_by_check')],
      defaultRuleSet,
    );
    expect(after.score).toBe(30);
    expect(after.band).toBe('medium');
    expect(after.findings.map((f) => [f.indicator, f.points])).toEqual([
      ['x_shared_phone_or_email', 30],
      ['id_voip_phone', 0],
    ]);
  });

  it('judges each linked case on its own: a link to a new case brings the finding back', () => {
    const dispositions = [mark('x_shared_phone_or_email', 'c1', 'false_positive')];
    expect(applyDispositions(scored([phoneLink('c1')], false), dispositions, defaultRuleSet).score).toBe(0);
    expect(applyDispositions(scored([phoneLink('c1', 'c2')], false), dispositions, defaultRuleSet).score).toBe(30);
  });

  it('lets the latest disposition of a hit win (a false positive later confirmed counts again)', () => {
    const after = applyDispositions(
      scored([sdnHit('306')], true),
      [
        mark('sanc_sdn_name', '306', 'false_positive', '2026-11-23T10:00:00.000Z'),
        mark('sanc_sdn_name', '306', 'confirmed', '2026-11-24T10:00:00.000Z'),
      ],
      defaultRuleSet,
    );
    expect(after).toMatchObject({ score: 100, band: 'critical' });
  });

  it('is idempotent on findings already reviewed, and restores them when their dispositions are gone', () => {
    const dispositions = [mark('sanc_sdn_name', '306', 'false_positive')];
    const once = applyDispositions(scored([sdnHit('306'), voip], true), dispositions, defaultRuleSet);
    const twice = applyDispositions(once, dispositions, defaultRuleSet);
    expect(twice).toEqual(once);
    const restored = applyDispositions(once, [], defaultRuleSet);
    expect(restored).toMatchObject({ score: 100, band: 'critical' });
    expect(restored.findings.map(withoutReview)).toEqual(restored.findings);
  });
});

describe('findingSubjects', () => {
  it('names listed entries of sanctions findings, other cases of link findings (referrer too) and nothing otherwise', () => {
    expect(findingSubjects(sdnHit('306', '306', '9647'))).toEqual(['306', '9647']);
    expect(
      findingSubjects(
        finding('x_shared_residence', 'links', 10, {
          linkedCases: [{ caseId: 'a' }],
          householdCases: [{ caseId: 'b' }],
        }),
      ),
    ).toEqual(['a', 'b']);
    expect(findingSubjects(finding('comm_refers_others', 'links', 10, { referrerCaseId: 'r' }))).toEqual(['r']);
    expect(findingSubjects(voip)).toEqual([]);
  });
});
