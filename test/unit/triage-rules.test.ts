import { isClearingHeld, isMarkHeld, reopenProblem } from '../../src/cases/decide-case';
import { cutText, topReasons } from '../../src/cases/triage';
import type { Finding } from '../../src/scoring/types';
import { ALL_FIELDS, plainMessage } from '../../src/web/applicant-form';
import { contradictions, readQueueQuery } from '../../src/web/queue-query';

const finding = (indicator: string, points: number, review?: object): Finding => ({
  indicator,
  family: 'location',
  severity: 'medium',
  points,
  message: `${indicator} seen`,
  evidence: review ? { review } : {},
  source: 's',
  recommendedAction: 'a',
});

describe('four eyes rules', () => {
  it('holds clearing a critical case only', () => {
    expect(isClearingHeld({ band: 'critical', status: 'open' }, { status: 'cleared' })).toBe(true);
    expect(isClearingHeld({ band: 'high', status: 'open' }, { status: 'cleared' })).toBe(false);
    expect(isClearingHeld({ band: 'critical', status: 'open' }, { status: 'confirmed_fraud' })).toBe(false);
    expect(isClearingHeld({ band: 'critical', status: 'cleared' }, { status: 'cleared' })).toBe(false);
  });
  it('holds a sanctions false positive only', () => {
    expect(isMarkHeld({ family: 'sanctions' }, 'false_positive')).toBe(true);
    expect(isMarkHeld({ family: 'sanctions' }, 'confirmed')).toBe(false);
    expect(isMarkHeld({ family: 'links' }, 'false_positive')).toBe(false);
  });
  it('asks a reason to reopen a decided case, not to assign it or to move an open one', () => {
    expect(reopenProblem({ status: 'cleared' }, { status: 'in_review' })).toBe('is required to reopen a decided case');
    expect(reopenProblem({ status: 'confirmed_fraud' }, { status: 'open', reason: 'new evidence' })).toBeNull();
    expect(reopenProblem({ status: 'cleared' }, { assignee: 'a@example.com' })).toBeNull();
    expect(reopenProblem({ status: 'open' }, { status: 'in_review' })).toBeNull();
  });
});

describe('queue triage', () => {
  it('gives the heaviest findings first, leaving out false positives', () => {
    const reasons = topReasons([
      finding('a', 5),
      finding('b', 30),
      finding('c', 0),
      finding('d', 40, { outcome: 'false_positive' }),
      finding('e', 10),
    ]);
    expect(reasons).toEqual(['b seen', 'e seen', 'a seen']);
    expect(topReasons([])).toEqual([]);
  });
  it('cuts by characters, not code units', () => {
    expect(cutText('short', 10)).toEqual({ text: 'short', isCut: false });
    expect(cutText('😀'.repeat(12), 10)).toEqual({ text: `${'😀'.repeat(9)}…`, isCut: true });
  });
  it('names filters that cannot match together', () => {
    const { filters } = readQueueQuery(
      { band: 'low', sanctions: 'confirmed_match', status: 'cleared', overdue: '1' },
      'me@example.com',
    );
    expect(contradictions(filters)).toHaveLength(2);
    expect(contradictions(readQueueQuery({ band: 'critical', sanctions: 'confirmed_match' }, 'me').filters)).toEqual(
      [],
    );
  });
  it('bounds "over review time" by the review time and keeps it to cases not decided', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const { list } = readQueueQuery({ overdue: '1', status: 'all' }, 'me', { now, slaHours: 48 });
    expect(list.createdTo?.toISOString()).toBe('2026-12-05T12:00:00.000Z');
    expect(list.statuses).toEqual(['open', 'in_review', 'escalated']);
  });
});

describe('form messages in the words of the form', () => {
  const field = (name: string) => ALL_FIELDS.find((candidate) => candidate.name === name)!;
  it('never names a standard, and lists a choice by its labels', () => {
    expect(plainMessage(field('claimedLocation.country'), 'must be an ISO 3166-1 alpha-2 country code')).toBe(
      'choose a country from the list',
    );
    expect(plainMessage(field('person.dateOfBirth'), 'must be an ISO 8601 date, YYYY-MM-DD')).toBe(
      'must be a real date: day, month and year',
    );
    expect(plainMessage(field('sessions.0.kind'), 'must be one of: "application", "interview"')).toBe(
      'choose one of: Application, Interview, Onboarding, Work',
    );
    expect(
      plainMessage(field('sessions.0.at'), 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-20T15:04:05Z'),
    ).toBe('must be a date-time with a time zone, e.g. 2026-11-20T15:04:05Z');
  });
});
