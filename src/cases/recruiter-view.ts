// What a recruiter may see of link findings: how many other cases and names share a value, never whose cases they are.
import { COLLECT_IDENTIFIERS } from '../scoring/indicators/sanctions';
import type { Finding } from '../scoring/types';
import type { CaseDetail, CaseEventRecord } from './case-types';

const REFERRAL_INDICATOR = 'comm_refers_others';

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

// Next steps a recruiter can take: linked cases and listed entries are the security team's to compare.
const RECRUITER_LINK_ACTION =
  'The security team compares the linked applications. Hold shipments and payroll set-up until they decide; nothing else to do for you.';
const RECRUITER_SANCTIONS_ACTION =
  "Hold any offer or payment until the security team has compared the listed entry with the applicant's documents.";

function redactFinding(finding: Finding): Finding {
  if (finding.family === 'sanctions' && finding.indicator !== 'sanc_sdn_name_cleared') {
    return {
      ...finding,
      recommendedAction:
        finding.indicator === 'sanc_sdn_name_possible' && finding.points === 0
          ? COLLECT_IDENTIFIERS
          : RECRUITER_SANCTIONS_ACTION,
    };
  }
  if (finding.family !== 'links') return finding;
  if (finding.indicator === REFERRAL_INDICATOR) {
    return {
      ...finding,
      message: 'Referred by a case the security team has already flagged',
      evidence: {},
      recommendedAction: RECRUITER_LINK_ACTION,
    };
  }
  const evidence = finding.evidence as Record<string, unknown>;
  return {
    ...finding,
    recommendedAction: RECRUITER_LINK_ACTION,
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
const isLinkIndicator = (indicator: unknown) =>
  typeof indicator === 'string' && (indicator.startsWith('x_') || indicator === REFERRAL_INDICATOR);

function redactEvent(event: CaseEventRecord): CaseEventRecord {
  // A decision's reason reaches the recruiter only when the reviewer chose to share it.
  if (event.action === 'case.decided' && event.data.reasonSharedWithRecruiter !== true)
    return { ...event, data: { ...event.data, reason: null } };
  if (
    (event.action === 'case.finding_marked' || event.action === 'case.verification_recorded') &&
    isLinkIndicator(event.data.indicator) &&
    'subjects' in event.data
  ) {
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
