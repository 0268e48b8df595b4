// What a recruiter may see of link findings: how many other cases and names share a value, never whose cases they are.
import type { Finding } from '../scoring/types';
import type { CaseDetail, CaseEventRecord } from './case-types';

const REFERRAL_INDICATOR = 'comm_refers_others';

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function redactFinding(finding: Finding): Finding {
  if (finding.family !== 'links') return finding;
  if (finding.indicator === REFERRAL_INDICATOR) {
    return { ...finding, message: 'Referred by a case the security team has already flagged', evidence: {} };
  }
  const evidence = finding.evidence as Record<string, unknown>;
  return {
    ...finding,
    evidence: {
      kinds: evidence.kinds,
      // Findings before the counts were kept list every linked case; newer ones count them all and name a few.
      otherCases: typeof evidence.otherCases === 'number' ? evidence.otherCases : countOf(evidence.linkedCases),
      otherNames: evidence.otherNames,
      household: evidence.household === true || countOf(evidence.householdCases) > 0,
      note: 'Linked cases are shown to reviewers only',
    },
  };
}

export function redactFindingsForRecruiter(findings: Finding[]): Finding[] {
  return findings.map(redactFinding);
}

// Link events name the newcomer's case that changed this one: that is someone else's submission.
// A link finding judged by a reviewer names the other cases (its hits) in the event: those are hidden too.
const isLinkIndicator = (indicator: unknown) => typeof indicator === 'string' && (indicator.startsWith('x_') || indicator === REFERRAL_INDICATOR);

function redactEvent(event: CaseEventRecord): CaseEventRecord {
  if ((event.action === 'case.finding_marked' || event.action === 'case.verification_recorded') && isLinkIndicator(event.data.indicator) && 'subjects' in event.data) {
    const { subjects, ...data } = event.data;
    return { ...event, data: { ...data, hits: Array.isArray(subjects) ? subjects.length : 0 } };
  }
  if (event.action !== 'case.linked') return event;
  const { linkedCaseId: _hidden, ...data } = event.data;
  return { ...event, data };
}

export function caseDetailForRecruiter(detail: CaseDetail): CaseDetail {
  return {
    ...detail,
    screenings: detail.screenings.map((screening) => {
      const { triggeredBy: _hidden, ...snapshot } = screening.inputSnapshot;
      return { ...screening, findings: redactFindingsForRecruiter(screening.findings), inputSnapshot: snapshot };
    }),
    events: detail.events.map(redactEvent),
  };
}
