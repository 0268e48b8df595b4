// The note written back to the ATS: band, score, top findings by points, case link; other applicants never named.
import { composeNote } from '../../src/webhooks/ats-notes';
import type { Finding } from '../../src/scoring/types';

const finding = (indicator: string, points: number, extra: Partial<Finding> = {}): Finding => ({
  indicator,
  family: 'payment',
  severity: 'high',
  points,
  message: `${indicator} message`,
  evidence: {},
  source: 'FBI PSA 2025',
  recommendedAction: `${indicator} check`,
  ...extra,
});

it('lists the top five findings by points with their checks, and links the case when PUBLIC_BASE_URL is set', () => {
  const findings = [1, 9, 3, 7, 5, 2].map((points) => finding(`ind_${points}`, points));
  const text = composeNote({ caseId: 'c-1', band: 'high', score: 61, findings }, 'https://risk.example.com/');
  expect(text.split('\n')).toEqual([
    'Hiring-fraud risk check: HIGH (score 61/100).',
    'Top findings:',
    '- Ind_9 message (check: ind_9 check)',
    '- Ind_7 message (check: ind_7 check)',
    '- Ind_5 message (check: ind_5 check)',
    '- Ind_3 message (check: ind_3 check)',
    '- Ind_2 message (check: ind_2 check)',
    'Case: https://risk.example.com/cases/c-1',
    'The security team decides; this note is not a decision.',
  ]);
});

it('gives the case id without a public URL, says when nothing was found, and keeps link evidence out', () => {
  expect(composeNote({ caseId: 'c-2', band: 'low', score: 0, findings: [] })).toContain(
    'No risk indicators found.\nCase id: c-2',
  );
  const link = finding('link_shared_payout', 40, {
    family: 'links',
    evidence: { linkedCases: [{ caseId: 'other', subjectName: 'Someone Else' }] },
  });
  expect(composeNote({ caseId: 'c-3', band: 'critical', score: 90, findings: [link] })).not.toContain('Someone Else');
});

it('tells the recruiter an open sanctions check and what to collect, under a low band (a name alone moves no band)', () => {
  const text = composeNote({ caseId: 'c-3', band: 'low', sanctionsStatus: 'potential_match', score: 0, findings: [] });
  expect(text.split('\n')[1]).toMatch(
    /^Sanctions check: potential match: needs date of birth\. Collect the applicant's date of birth \(and, where the law allows asking, the place of birth\) before any offer/,
  );
  expect(composeNote({ caseId: 'c-4', band: 'low', sanctionsStatus: 'clear', score: 0, findings: [] })).not.toContain(
    'Sanctions check',
  );
});

it("writes findings in the pages' plain words: no contract field names, country codes or list tags reach the ATS", () => {
  const sanctions = finding('sanc_sdn_name_strong', 100, {
    family: 'sanctions',
    message: 'person.legalName "Kim Il" strongly matches BUILTIN entry KIM IL (DPRK3), score 100',
  });
  const location = finding('net_geo_cn_ru_la_kp', 30, {
    family: 'location',
    message: 'A session came from LA while the applicant claims to be in US',
  });
  const text = composeNote({ caseId: 'c-5', band: 'critical', score: 100, findings: [sanctions, location] });
  expect(text).not.toMatch(/person\.legalName|BUILTIN|DPRK3|\bLA\b|\bUS\b/);
  expect(text).toContain('North Korea sanctions');
  expect(text).toContain('Laos');
});
