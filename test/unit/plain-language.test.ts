// The words people read: every indicator has a label, sentences lose their codes, points add up after the caps.
import { catalogue } from '../../src/scoring/catalogue';
import { defaultRuleSet } from '../../src/scoring/rule-set';
import { summarise } from '../../src/scoring/score-applicant';
import type { Finding } from '../../src/scoring/types';
import {
  columnLabel,
  countedPoints,
  countryName,
  fieldLabel,
  findingHeadline,
  formatDateTime,
  indicatorLabel,
  INDICATOR_LABELS,
  plainSentence,
  programmeLabel,
  valueLabel,
  whyItMatters,
} from '../../src/presentation/plain-language';

describe('plain language', () => {
  it('has a label and a reason for every indicator of the catalogue', () => {
    const missing = catalogue.filter((indicator) => !INDICATOR_LABELS[indicator.id]).map((indicator) => indicator.id);
    expect(missing).toEqual([]);
    for (const indicator of catalogue) {
      expect(indicatorLabel(indicator.id)).not.toMatch(/_/);
      expect(
        whyItMatters({ indicator: indicator.id, family: indicator.family, source: indicator.source }).reason.length,
      ).toBeGreaterThan(30);
    }
  });

  it('writes country codes and contract fields in sentences as words, and counts nouns properly', () => {
    expect(plainSentence('1 session(s) came from LA while the applicant claims to be in US')).toBe(
      '1 session came from Laos while the applicant claims to be in the United States',
    );
    expect(plainSentence('2 session(s) came from CN, RU while the applicant claims to be in GB')).toBe(
      '2 sessions came from China, Russia while the applicant claims to be in the United Kingdom',
    );
    expect(
      plainSentence('Laptop shipping address differs from the residentialAddress and the identityDocument.address'),
    ).toBe('Laptop shipping address differs from the home address and the address on the identity document');
    expect(plainSentence('Shares a shipping address with 1 other case(s) under 2 different name(s)')).toBe(
      'Shares a shipping address with 1 other case under 2 different names',
    );
    expect(plainSentence('3 employer(s) or school(s) could not be verified')).toBe(
      '3 employers or schools could not be verified',
    );
    // A code is a country only where a sentence places one; "ID" elsewhere stays.
    expect(plainSentence('Ask for the ID beside the face')).toBe('Ask for the ID beside the face');
  });

  it('says a sanctions hit in words: the field, the list, the programmes and the likeness', () => {
    const headline = findingHeadline({
      family: 'sanctions',
      message:
        'person.legalName "Jong In Chol" strongly matches BUILTIN entry JONG, In Chol (DPRK3, NPWMD), score 100, and date of birth: agrees: confirmed match',
    });
    expect(headline).toBe(
      "The legal name “Jong In Chol” strongly matches JONG, In Chol on the built-in copy of OFAC's DPRK IT-worker designations (North Korea sanctions (EO 13722); Weapons of mass destruction proliferators (EO 13382)), name similarity 100 of 100, and date of birth: agrees: confirmed match",
    );
    expect(programmeLabel('DPRK3')).toBe('North Korea sanctions (EO 13722)');
    expect(programmeLabel('NEWPROG')).toBe('Sanctions programme NEWPROG');
  });

  it('labels fields, values, countries, columns and dates', () => {
    expect(fieldLabel('person.otherNames.1')).toBe('other names');
    expect(fieldLabel('employment.0.employer')).toBe('employer');
    expect(valueLabel('method', 'crypto')).toBe('Cryptocurrency');
    expect(valueLabel('videoOn', false)).toBe('No');
    expect(valueLabel('bankCountry', 'RU')).toBe('Russia');
    expect(countryName('LA')).toBe('Laos');
    expect(countryName('DE')).toBe('Germany');
    expect(columnLabel('over_review_time')).toBe('Over the review time');
    expect(formatDateTime('2026-12-07T14:05:09.123Z')).toBe('7 Dec 2026, 14:05 UTC');
  });

  it('gives family subtotals that add up to the score after the family caps and the total cap', () => {
    const finding = (family: Finding['family'], points: number): Finding => ({
      indicator: `x_${family}_${points}`,
      family,
      severity: 'high',
      points,
      message: '',
      evidence: {},
      source: '',
      recommendedAction: '',
    });
    const findings = [
      finding('sanctions', 100),
      finding('location', 30),
      finding('location', 30),
      finding('payment', 25),
      finding('communication', 10),
    ];
    const { score } = summarise(findings, defaultRuleSet, true);
    const { byFamily, total } = countedPoints(findings, defaultRuleSet.familyCaps, defaultRuleSet.maxScore);
    expect(total).toBe(score);
    expect([...byFamily.values()].reduce((sum, family) => sum + family.counted, 0)).toBe(score);
    expect(byFamily.get('location')).toEqual({ found: 60, counted: 0, cap: 45 });
    const small = [finding('location', 30), finding('location', 30), finding('payment', 25)];
    expect(countedPoints(small, defaultRuleSet.familyCaps, defaultRuleSet.maxScore)).toMatchObject({
      total: summarise(small, defaultRuleSet, false).score,
    });
    expect(countedPoints(small, defaultRuleSet.familyCaps, defaultRuleSet.maxScore).byFamily.get('location')).toEqual({
      found: 60,
      counted: 45,
      cap: 45,
    });
  });
});
