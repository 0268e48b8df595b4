// Documents and profile indicators: can the history be verified, and is the online presence real?
import type { Indicator } from '../types';
import { sources } from '../sources';

export const unverifiableHistory: Indicator = {
  id: 'doc_unverifiable_history',
  family: 'documents',
  severity: 'medium',
  points: 15,
  source: `${sources.adv22Employers} (falsified contact information for schools and previous employers); ${sources.adv22Mitigations} (verify using contacts found through a search engine)`,
  recommendedAction: 'Call the employers and schools on numbers found independently, not those the applicant gave.',
  evaluate(applicant) {
    const failed = [
      ...(applicant.employment ?? []).filter((entry) => entry.verified === false).map((entry) => entry.employer),
      ...(applicant.education ?? []).filter((entry) => entry.verified === false).map((entry) => entry.institution),
    ];
    if (failed.length === 0) return null;
    return {
      message: `${failed.length} employer(s) or school(s) could not be verified`,
      evidence: { unverified: failed },
    };
  },
};

export const githubBackdated: Indicator = {
  id: 'doc_github_fake_history',
  family: 'documents',
  severity: 'medium',
  points: 15,
  source: `${sources.seal} (GitHub accounts whose commits predate the account: copied repositories)`,
  recommendedAction: 'Ask the applicant to walk through one of their repositories live and explain its history.',
  evaluate(applicant) {
    const github = applicant.profiles?.github;
    if (!github?.createdAt || !github.earliestCommitAt) return null;
    // Commits dated more than a month before the account existed were imported, not written there.
    const gapDays =
      (Date.parse(github.createdAt.padEnd(10, '-01')) - Date.parse(github.earliestCommitAt.padEnd(10, '-01'))) /
      86_400_000;
    if (!(gapDays > 31)) return null;
    return {
      message: 'The GitHub history starts long before the account was created',
      evidence: { login: github.login ?? null, createdAt: github.createdAt, earliestCommitAt: github.earliestCommitAt },
    };
  },
};

export const newOrThinProfile: Indicator = {
  id: 'doc_new_or_thin_profiles',
  family: 'documents',
  severity: 'low',
  points: 5,
  source: `${sources.adv22Employers} (surprisingly simple portfolio and social media profiles); ${sources.seal} (weak connection networks)`,
  recommendedAction: 'None on its own; juniors and private people have thin profiles too.',
  evaluate(applicant, context) {
    const linkedin = applicant.profiles?.linkedin;
    if (!linkedin) return null;
    const ageDays = linkedin.createdAt
      ? (Date.parse(context.screenedAt) - Date.parse(linkedin.createdAt.padEnd(10, '-01'))) / 86_400_000
      : null;
    const isNew = ageDays !== null && ageDays < 365;
    const isThin = linkedin.connections != null && linkedin.connections < 50;
    if (!isNew && !isThin) return null;
    return {
      message: `The LinkedIn profile is ${[isNew && 'less than a year old', isThin && 'thinly connected'].filter(Boolean).join(' and ')}`,
      evidence: { createdAt: linkedin.createdAt ?? null, connections: linkedin.connections ?? null },
    };
  },
};
